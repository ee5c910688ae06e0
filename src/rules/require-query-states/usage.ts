import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunctionNode, staticKeyName, variableOf } from '../../analysis/ast.js';
import {
  DATA_FIELDS,
  ERROR_FIELDS,
  ERROR_STATUSES,
  LOADING_FIELDS,
  LOADING_STATUSES,
  MUTATE_FIELDS,
  MUTATION_ERROR_FIELDS,
  MUTATION_PENDING_FIELDS,
  STATUS_FIELDS,
  SUCCESS_FIELDS,
  SUCCESS_STATUSES,
} from '../../knowledge/query-hooks.js';

/** How a component uses one query (or mutation) result. */
export interface ResultUsage {
  /** The result goes somewhere this analysis cannot follow (a child, a helper, a return): not this component's concern. */
  escapes: boolean;
  /** Reads of `data` that feed rendering (not effects or event handlers). */
  readonly dataReads: TSESTree.Node[];
  /** Reads of a data binding declared with a default (`data: items = []`), with that default. */
  readonly defaults: Map<TSESTree.Node, TSESTree.AssignmentPattern>;
  /** Local names bound to the result or its fields: a condition on them is about this query. */
  readonly names: Set<string>;
  loading: boolean;
  error: boolean;
  /** `if (!data) return <Spinner />`: the absence of data stands for loading, errors included. */
  absenceGate: TSESTree.Node | null;
  /** The destructuring of the result, where a fix can add fields. */
  pattern: TSESTree.ObjectPattern | null;
  /** `.map(` calls on the data (the member property). */
  readonly listRenders: TSESTree.Node[];
  /** `.length` / `.size` read on the data: an empty state is considered. */
  emptyChecked: boolean;
  /** `data!`, `data as T`. */
  readonly assertions: TSESTree.Node[];
  /** Mutations: calls of the mutate function, and whether a failure is handled at one. */
  readonly mutateCalls: TSESTree.Node[];
  mutateErrorHandled: boolean;
  /**
   * Whether this component starts the write itself (a call, or a handler of a DOM element) from a
   * place a second click can reach while the first write runs. A mutate function only handed to a
   * child or a helper (`<Form onSubmit={mutateAsync} />`) is started, and its pending state shown,
   * there; a write inside a transition whose pending state is read, or awaited by a form whose
   * `isSubmitting` is read, has its pending state shown; one started from a menu item or a
   * confirm dialog's action closes what was clicked.
   */
  mutateStartedHere: boolean;
}

const EFFECT_HOOKS = /^use(?:Layout|Insertion)?Effect$|^useCallback$/u;
/**
 * Calls whose arguments never render: another query's options (`enabled: !!user`), a form's
 * defaults (`useForm({ defaultValues })`, `form.reset(data)`).
 */
const NON_RENDER_CALLS = /^use\w*(?:Query|Queries|SWR\w*|Form)$|^(?:reset|resetForm|setValue|setValues|setFieldValue|queryOptions|infiniteQueryOptions)$/u;
/** Calls that run their callback during render: the data it reads is rendered. */
const RENDER_CALLBACKS = new Set(['map', 'flatMap', 'filter', 'find', 'findIndex', 'findLast', 'some', 'every', 'reduce', 'sort', 'toSorted', 'useMemo', 'from', 'forEach', 'groupBy', 'entries', 'keys', 'values', 'match', 'with', 'when', 'otherwise', 'cn', 'clsx']);
const HANDLER_NAME = /^(?:on|handle)[A-Z]/u;
const LIST_METHODS = new Set(['map', 'flatMap']);

/**
 * Follows a query result from the hook call through destructuring, whole-object member reads,
 * tuples and aliases, and records which states the component reads and how it uses the data.
 */
export class UsageCollector {
  readonly usage: ResultUsage = {
    escapes: false,
    dataReads: [],
    defaults: new Map(),
    names: new Set(),
    loading: false,
    error: false,
    absenceGate: null,
    pattern: null,
    listRenders: [],
    emptyChecked: false,
    assertions: [],
    mutateCalls: [],
    mutateErrorHandled: false,
    mutateStartedHere: false,
  };
  private depth = 0;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly owner: FunctionNode,
    private readonly mutation: boolean,
  ) {}

  /** `node` evaluates to what the hook returns; the result is at `position` in it. */
  fromValue(node: TSESTree.Node, position: 'value' | 0 | 1): void {
    if (++this.depth > 200) {
      this.usage.escapes = true;
      return;
    }
    const parent = skipWrappers(node);
    const holder = parent.parent;
    if (!holder) return;
    if (holder.type === AST_NODE_TYPES.ExpressionStatement) return;
    if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === parent) {
      const id = holder.id;
      if (id.type === AST_NODE_TYPES.Identifier) {
        this.references(id, (reference) => {
          this.fromValue(reference, position);
        });
        return;
      }
      if (position === 'value') {
        this.fromPattern(id, true);
        return;
      }
      if (id.type === AST_NODE_TYPES.ArrayPattern) {
        const element = id.elements[position];
        if (element) this.fromPattern(element, true);
        const trigger = id.elements[position === 0 ? 1 : 0];
        if (this.mutation && trigger?.type === AST_NODE_TYPES.Identifier) {
          this.references(trigger, (reference) => {
            this.mutateRead(reference);
          });
        }
        return;
      }
      this.usage.escapes = true;
      return;
    }
    if (holder.type === AST_NODE_TYPES.MemberExpression && holder.object === parent) {
      if (position !== 'value') {
        const index = staticKeyName(holder);
        if (index === String(position)) this.fromValue(holder, 'value');
        else if (index === null) this.usage.escapes = true;
        return;
      }
      const key = staticKeyName(holder);
      if (key === null) {
        this.usage.escapes = true;
        return;
      }
      this.field(key, holder);
      return;
    }
    this.usage.escapes = true;
  }

  /** A binding (identifier or object pattern) that holds the result itself. */
  fromBinding(pattern: TSESTree.Node): void {
    this.fromPattern(pattern, true);
  }

  private fromPattern(pattern: TSESTree.Node, top: boolean): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        this.references(pattern, (reference) => {
          this.fromValue(reference, 'value');
        });
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        this.fromPattern(pattern.left, top);
        return;
      case AST_NODE_TYPES.ObjectPattern:
        if (top) this.usage.pattern ??= pattern;
        for (const property of pattern.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            this.fromPattern(property.argument, false);
            continue;
          }
          const key = staticKeyName(property);
          if (key === null) {
            this.usage.escapes = true;
            continue;
          }
          let target: TSESTree.Node = property.value;
          let fallback: TSESTree.AssignmentPattern | null = null;
          if (target.type === AST_NODE_TYPES.AssignmentPattern) {
            if (DATA_FIELDS.has(key)) fallback = target;
            target = target.left;
          }
          if (target.type === AST_NODE_TYPES.Identifier) {
            this.references(target, (reference) => {
              if (fallback) this.usage.defaults.set(reference, fallback);
              this.field(key, reference);
            });
          } else if (DATA_FIELDS.has(key)) {
            // `data: { items }`: reading into the data.
            this.usage.dataReads.push(target);
          }
        }
        return;
      default:
        this.usage.escapes = true;
    }
  }

  /** Every read reference of the variable declared by `id`; a reassignment makes it untrackable. */
  private references(id: TSESTree.Identifier, visit: (reference: TSESTree.Identifier) => void): void {
    const variable = variableOf(this.sourceCode, id);
    if (!variable) {
      this.usage.escapes = true;
      return;
    }
    this.usage.names.add(id.name);
    for (const reference of variable.references) {
      if (reference.init) continue;
      if (reference.isWrite()) {
        this.usage.escapes = true;
        continue;
      }
      visit(reference.identifier as TSESTree.Identifier);
    }
  }

  private field(key: string, node: TSESTree.Node): void {
    if (this.mutation) {
      if (MUTATE_FIELDS.has(key)) this.mutateRead(node);
      if (MUTATION_PENDING_FIELDS.has(key)) this.usage.loading = true;
      if (MUTATION_ERROR_FIELDS.has(key)) this.usage.error = true;
      return;
    }
    if (DATA_FIELDS.has(key)) this.dataRead(node);
    else if (LOADING_FIELDS.has(key)) this.usage.loading = true;
    else if (ERROR_FIELDS.has(key)) this.usage.error = true;
    else if (SUCCESS_FIELDS.has(key)) this.both();
    else if (STATUS_FIELDS.has(key)) this.statusRead(node);
  }

  private both(): void {
    this.usage.loading = true;
    this.usage.error = true;
  }

  /** `status === 'error'`, `switch (status)`; any other use of the status is taken as handling it. */
  private statusRead(node: TSESTree.Node): void {
    const expression = skipWrappers(node);
    const parent = expression.parent;
    if (
      parent?.type === AST_NODE_TYPES.BinaryExpression &&
      ['===', '!==', '==', '!='].includes(parent.operator)
    ) {
      const other = parent.left === expression ? parent.right : parent.left;
      if (other.type === AST_NODE_TYPES.Literal && typeof other.value === 'string') {
        this.status(other.value);
        return;
      }
    }
    if (parent?.type === AST_NODE_TYPES.SwitchStatement && parent.discriminant === expression) {
      for (const switchCase of parent.cases) {
        if (!switchCase.test) this.both();
        else if (switchCase.test.type === AST_NODE_TYPES.Literal && typeof switchCase.test.value === 'string') {
          this.status(switchCase.test.value);
        } else this.both();
      }
      return;
    }
    this.both();
  }

  private status(value: string): void {
    if (LOADING_STATUSES.has(value)) this.usage.loading = true;
    else if (ERROR_STATUSES.has(value)) this.usage.error = true;
    else if (SUCCESS_STATUSES.has(value)) this.both();
  }

  private dataRead(node: TSESTree.Node): void {
    if (this.outsideRender(node)) return;
    this.usage.dataReads.push(node);
    // Assertions right on the data.
    let top = skipChain(node);
    const direct = top.parent;
    if (
      (direct?.type === AST_NODE_TYPES.TSNonNullExpression || (direct?.type === AST_NODE_TYPES.TSAsExpression && !isConstAssertion(direct))) &&
      !testedBefore(direct, node, this.sourceCode, this.owner)
    ) {
      this.usage.assertions.push(direct);
    }
    // Walk the member chain: `data?.items.length`, `data.map(...)`, `data!.map(...)`.
    for (let step = 0; step < 8; step++) {
      top = skipChain(top);
      while (top.parent?.type === AST_NODE_TYPES.TSNonNullExpression) top = skipChain(top.parent);
      const parent = top.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === top) {
        const key = staticKeyName(parent);
        if (key === 'length' || key === 'size') this.usage.emptyChecked = true;
        const call = skipChain(parent).parent;
        if (key !== null && LIST_METHODS.has(key) && call?.type === AST_NODE_TYPES.CallExpression && skipChain(call.callee) === skipChain(parent)) {
          if (rendersOnlyList(call, this.sourceCode)) this.usage.listRenders.push(parent.property);
          return;
        }
        top = parent;
        continue;
      }
      break;
    }
    this.absence(node);
  }

  /** `if (!data) return <Spinner />` and `data ? <List /> : <Spinner />`: data absence shown as loading. */
  private absence(node: TSESTree.Node): void {
    let expression = skipChain(node);
    let absentWhenTrue = false;
    for (let step = 0; step < 6; step++) {
      const parent = expression.parent;
      if (!parent) return;
      if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') {
        absentWhenTrue = !absentWhenTrue;
      } else if (parent.type === AST_NODE_TYPES.BinaryExpression && isNullish(parent.left === expression ? parent.right : parent.left)) {
        if (parent.operator === '==' || parent.operator === '===') absentWhenTrue = !absentWhenTrue;
        else if (parent.operator !== '!=' && parent.operator !== '!==') return;
      } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '||' && absentWhenTrue) {
        // `!data || ...` stays true when the data is absent.
      } else if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === expression) {
        const branch = absentWhenTrue ? parent.consequent : parent.alternate;
        if (branch && rendersSomething(branch)) this.usage.absenceGate ??= parent.test;
        return;
      } else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === expression) {
        if (rendersSomething(absentWhenTrue ? parent.consequent : parent.alternate)) this.usage.absenceGate ??= parent.test;
        return;
      } else {
        return;
      }
      expression = parent;
    }
  }

  /** Data read in an effect, a callback or an event handler does not render. */
  private outsideRender(node: TSESTree.Node): boolean {
    for (let current: TSESTree.Node | undefined = node.parent; current && current !== this.owner; current = current.parent) {
      if (current.type === AST_NODE_TYPES.JSXAttribute && current.name.type === AST_NODE_TYPES.JSXIdentifier && /^on[A-Z]/u.test(current.name.name)) {
        return true;
      }
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(current);
        if (name !== null && (EFFECT_HOOKS.test(name) || NON_RENDER_CALLS.test(name))) return true;
      }
      if (isFunctionNode(current)) {
        // A callback handed to a call that runs it later (`form.handleSubmit(...)`, `schema.refine(...)`, `setTimeout`).
        const holder = current.parent;
        if (holder.type === AST_NODE_TYPES.CallExpression && holder.callee !== current) {
          const name = calleeName(holder);
          if (name === null || !RENDER_CALLBACKS.has(name)) return true;
        }
        const name =
          current.type === AST_NODE_TYPES.FunctionDeclaration
            ? current.id?.name
            : current.parent.type === AST_NODE_TYPES.VariableDeclarator && current.parent.id.type === AST_NODE_TYPES.Identifier
              ? current.parent.id.name
              : undefined;
        if (name !== undefined && HANDLER_NAME.test(name)) return true;
      }
    }
    return false;
  }

  /** A use of the mutate function: calling it starts the write; `onError`, `catch` or `try` handle its failure. */
  private mutateRead(node: TSESTree.Node): void {
    const expression = skipChain(node);
    const parent = expression.parent;
    this.usage.mutateCalls.push(node);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === expression) {
      if (handedToChild(parent)) {
        // `<FormLocale onSubmit={async (values) => { await update.mutateAsync(values) }} />`: the
        // child awaits the write, so its pending state and failure are the child's to show.
        this.usage.mutateErrorHandled = true;
        return;
      }
      if (!this.pendingShown(parent)) this.usage.mutateStartedHere = true;
      if (promiseReported(parent, this.sourceCode, this.owner)) this.usage.mutateErrorHandled = true;
      if (parent.arguments.some((argument) => argument.type === AST_NODE_TYPES.ObjectExpression && argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && ['onError', 'onSettled'].includes(staticKeyName(property) ?? '')))) {
        this.usage.mutateErrorHandled = true;
      }
      const settled = skipChain(parent).parent;
      if (settled?.type === AST_NODE_TYPES.MemberExpression && ['catch', 'then', 'finally'].includes(staticKeyName(settled) ?? '')) {
        this.usage.mutateErrorHandled = true;
      }
      if (insideTry(parent, this.owner)) this.usage.mutateErrorHandled = true;
      return;
    }
    // `<button onClick={mutate}>` calls it with no error handling; anywhere else (a child's prop,
    // a helper's argument) its failures are out of sight, so they are not this component's to show.
    const intrinsic =
      parent?.type === AST_NODE_TYPES.JSXExpressionContainer &&
      parent.parent.type === AST_NODE_TYPES.JSXAttribute &&
      parent.parent.parent.name.type === AST_NODE_TYPES.JSXIdentifier &&
      /^[a-z]/u.test(parent.parent.parent.name.name);
    if (!intrinsic) this.usage.mutateErrorHandled = true;
    else this.usage.mutateStartedHere = true;
  }

  /**
   * Whether something else shows that the write started at `call` is running, or keeps a second
   * click from starting it again: a transition it runs in (`startTransition(async () => { await
   * mutateAsync() })` with the transition's `isPending` read), a form that awaits it with its
   * `isSubmitting` read, or a click target that closes on click (a menu item, a confirm dialog's
   * action).
   */
  private pendingShown(call: TSESTree.CallExpression): boolean {
    // The promise, or its `.then(...).catch(...)` chain, is awaited or returned: a form's submit waits for it.
    let holder: TSESTree.Node = call.parent;
    while (holder.type === AST_NODE_TYPES.MemberExpression && ['then', 'catch', 'finally'].includes(staticKeyName(holder) ?? '') && holder.parent.type === AST_NODE_TYPES.CallExpression) {
      holder = holder.parent.parent;
    }
    const awaited = holder.type === AST_NODE_TYPES.AwaitExpression || holder.type === AST_NODE_TYPES.ReturnStatement || isFunctionNode(holder);
    if (awaited && this.readsIsSubmitting()) return true;
    for (let current: TSESTree.Node | undefined = call.parent; current && current !== this.owner; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      const holder = current.parent;
      if (holder.type === AST_NODE_TYPES.CallExpression && holder.arguments.includes(current as TSESTree.CallExpressionArgument) && transitionPendingRead(holder, this.sourceCode)) return true;
      const sites = handlerSites(current, this.sourceCode);
      if (sites.length > 0) return sites.every((site) => CLOSES_ON_CLICK.test(this.sourceCode.getText(site.parent.name)));
    }
    return false;
  }

  private isSubmittingRead: boolean | undefined;

  /** `form.formState.isSubmitting`, `formState: { isSubmitting }`, Formik's `isSubmitting`: read once per component. */
  private readsIsSubmitting(): boolean {
    this.isSubmittingRead ??= /\bisSubmitting\b/u.test(this.sourceCode.getText(this.owner));
    return this.isSubmittingRead;
  }
}

/** Click targets that close on click, so a second click needs the menu or the dialog again. */
const CLOSES_ON_CLICK = /(?:Dialog\.?(?:Action|Close)|Menu\.?Item|MenubarItem|Command\.?Item)$/u;

/**
 * The JSX attributes that run `fn`: it is their value (`onClick={async () => ...}`), or it is a
 * declared handler they pass or call (`onClick={handleDelete}`, `onSelect={() => handleDelete(id)}`).
 */
function handlerSites(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.JSXAttribute[] {
  const direct = attributeOf(fn);
  if (direct) return [direct];
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent.id : null;
  if (id?.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = variableOf(sourceCode, id);
  const sites: TSESTree.JSXAttribute[] = [];
  for (const reference of variable?.references ?? []) {
    const node = reference.identifier as TSESTree.Node;
    if (reference.init || node === id) continue;
    // `handleDelete` itself, or `handleDelete(...)` as the body of an inline arrow.
    const call = node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.callee === node ? node.parent : null;
    const statement = call?.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
    const inline = statement?.parent.type === AST_NODE_TYPES.ExpressionStatement ? statement.parent.parent.parent : statement?.parent;
    const site = call ? (inline && isFunctionNode(inline) ? attributeOf(inline) : null) : attributeOf(node);
    // Used anywhere else (a child's prop, a helper): the sites are not all known.
    if (!site) return [];
    sites.push(site);
  }
  return sites;
}

function attributeOf(node: TSESTree.Node): TSESTree.JSXAttribute | null {
  const container = node.parent;
  return container?.type === AST_NODE_TYPES.JSXExpressionContainer && container.parent.type === AST_NODE_TYPES.JSXAttribute ? container.parent : null;
}

/** `startTransition(...)` where `const [isPending, startTransition] = useTransition()` and `isPending` is read. */
function transitionPendingRead(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = variableOf(sourceCode, callee)?.defs[0];
  const declarator = definition?.node;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ArrayPattern || declarator.init?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (calleeName(declarator.init) !== 'useTransition') return false;
  const pending = declarator.id.elements[0];
  if (pending?.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(sourceCode, pending)?.references ?? []).some((reference) => !reference.init);
}

/**
 * Whether a toast or `.catch` takes the failure of the promise a mutate call returns, through a
 * conditional and a local variable: `toast.promise(mutateAsync(v), { error })`, `const promise =
 * a ? x.mutateAsync() : y.mutateAsync(); toast.promise(promise, ...)`, `try { await promise }`.
 */
function promiseReported(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, owner: FunctionNode): boolean {
  let value: TSESTree.Node = call;
  let parent: TSESTree.Node = call.parent;
  while (parent.type === AST_NODE_TYPES.ConditionalExpression || parent.type === AST_NODE_TYPES.LogicalExpression || parent.type === AST_NODE_TYPES.TSAsExpression) {
    value = parent;
    parent = parent.parent;
  }
  if (reportsPromise(parent, value)) return true;
  if (isFunctionNode(parent) && parent.body === value) return reportsPromise(parent.parent, parent);
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(sourceCode, parent.id)?.references ?? []).some((reference) => {
    const node = reference.identifier as TSESTree.Node;
    const use = node.parent;
    if (reference.init || !use) return false;
    if (reportsPromise(use, node)) return true;
    if (use.type === AST_NODE_TYPES.MemberExpression && use.object === node && ['catch', 'then', 'finally'].includes(staticKeyName(use) ?? '')) return true;
    return use.type === AST_NODE_TYPES.AwaitExpression && insideTry(use, owner);
  });
}

/** `toast.promise(promise, { error })`, `notifications.promise(...)`: the call shows the promise's failure. */
function reportsPromise(call: TSESTree.Node | undefined, argument: TSESTree.Node): boolean {
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.includes(argument as TSESTree.CallExpressionArgument) &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    staticKeyName(call.callee) === 'promise'
  );
}

/**
 * A mutate call whose promise goes to a child component: awaited or returned by a function written
 * as a prop of a component element (`<Form onSubmit={async (v) => { await mutateAsync(v) }} />`).
 */
function handedToChild(call: TSESTree.CallExpression): boolean {
  const awaited = call.parent.type === AST_NODE_TYPES.AwaitExpression ? call.parent : call;
  const statement = awaited.parent;
  let fn: TSESTree.Node | undefined;
  if (isFunctionNode(statement) && statement.body === awaited) fn = statement;
  else if (statement.type === AST_NODE_TYPES.ReturnStatement || (statement.type === AST_NODE_TYPES.ExpressionStatement && awaited !== call)) {
    const block = statement.parent;
    fn = block.type === AST_NODE_TYPES.BlockStatement && isFunctionNode(block.parent) ? block.parent : undefined;
  }
  const container = fn?.parent;
  if (container?.type !== AST_NODE_TYPES.JSXExpressionContainer || container.parent.type !== AST_NODE_TYPES.JSXAttribute) return false;
  // A prop of a component that is no UI event (`onSubmit`, `submitAction`, `onConfirm`,
  // `onUpdatePassword`): the form or dialog awaits what it returns. A `<Button onClick>` or a
  // `<Switch onCheckedChange>` ignores the promise.
  const prop = container.parent.name;
  if (UI_EVENT_PROP.test(prop.type === AST_NODE_TYPES.JSXIdentifier ? prop.name : prop.name.name)) return false;
  const element = container.parent.parent.name;
  return element.type !== AST_NODE_TYPES.JSXIdentifier || /^[A-Z]/u.test(element.name);
}

/** Props that a component calls as an event handler, without waiting for what the handler returns. */
const UI_EVENT_PROP = /^on(?:Click|DoubleClick|Press|LongPress|Select|Change|\w+Change|Key\w+|Mouse\w+|Pointer\w+|Touch\w+|Focus|Blur|Input|Toggle|Open|Close|Drop|Drag\w*|Paste|Scroll)$/u;

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return staticKeyName(callee);
  return null;
}

function insideTry(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let current: TSESTree.Node | undefined = node; current && current !== owner; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.TryStatement && parent.block === current && parent.handler) return true;
  }
  return false;
}

/**
 * Whether `data.map(...)` renders a list that is blank when the data is empty: its callback returns
 * JSX (`.map((c) => c.name).join(', ')` builds a string, `.map((e) => ({ href }))` data), and no
 * fixed element of the same kind stands beside it (`<SelectItem value="default" />` before the
 * mapped items: the list is never empty).
 */
function rendersOnlyList(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const callback = call.arguments[0];
  if (!callback || !isFunctionNode(callback)) return false;
  const item = returnedElement(callback.body, 0);
  if (!item) return false;
  const container = skipChain(call).parent;
  const parent = container?.type === AST_NODE_TYPES.JSXExpressionContainer ? container.parent : null;
  if (parent?.type !== AST_NODE_TYPES.JSXElement || item.type !== AST_NODE_TYPES.JSXElement) return true;
  const name = sourceCode.getText(item.openingElement.name);
  return !parent.children.some((child) => child.type === AST_NODE_TYPES.JSXElement && sourceCode.getText(child.openingElement.name) === name);
}

/** The JSX a callback body returns (an expression, or `return` statements of its block), if any. */
function returnedElement(node: TSESTree.Node, depth: number): TSESTree.JSXElement | TSESTree.JSXFragment | null {
  if (depth > 6) return null;
  switch (node.type) {
    case AST_NODE_TYPES.JSXElement:
    case AST_NODE_TYPES.JSXFragment:
      return node;
    case AST_NODE_TYPES.ConditionalExpression:
      return returnedElement(node.consequent, depth + 1) ?? returnedElement(node.alternate, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return returnedElement(node.right, depth + 1);
    case AST_NODE_TYPES.ReturnStatement:
      return node.argument ? returnedElement(node.argument, depth + 1) : null;
    case AST_NODE_TYPES.IfStatement:
      return returnedElement(node.consequent, depth + 1) ?? (node.alternate ? returnedElement(node.alternate, depth + 1) : null);
    case AST_NODE_TYPES.BlockStatement:
      for (const statement of node.body) {
        const found = returnedElement(statement, depth + 1);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/**
 * `configured ? data!.directories[0] : null`, `data && data!.x`, `if (hasItems) { data!... }`: the
 * assertion sits where a condition on the data (directly, or through a local constant computed
 * from it) already holds.
 */
function testedBefore(assertion: TSESTree.Node, data: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, owner: FunctionNode): boolean {
  const subject = new RegExp(`(?<![\\w$.])${sourceCode.getText(data).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\b`, 'u');
  const mentions = (test: TSESTree.Node): boolean => {
    if (subject.test(sourceCode.getText(test))) return true;
    if (test.type !== AST_NODE_TYPES.Identifier) return test.type === AST_NODE_TYPES.UnaryExpression && mentions(test.argument);
    const declarator = variableOf(sourceCode, test)?.defs[0]?.node;
    return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init !== null && subject.test(sourceCode.getText(declarator.init));
  };
  let child = assertion;
  for (let current = assertion.parent; current && current !== owner; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.ConditionalExpression && current.consequent === child && mentions(current.test)) return true;
    if (current.type === AST_NODE_TYPES.LogicalExpression && current.operator === '&&' && current.right === child && mentions(current.left)) return true;
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && mentions(current.test)) return true;
  }
  return false;
}

/** Up through `?.` chains, `!` and `as`: the expression whose parent uses the value. */
function skipChain(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  return current;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      parent &&
      (parent.type === AST_NODE_TYPES.ChainExpression ||
        parent.type === AST_NODE_TYPES.TSNonNullExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression ||
        parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

function isConstAssertion(node: TSESTree.TSAsExpression): boolean {
  const annotation = node.typeAnnotation;
  return (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'const'
  );
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** Whether a branch shows something: JSX, a component call, text; not `null`, `false` or nothing. */
function rendersSomething(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return node.argument !== null && rendersSomething(node.argument);
    case AST_NODE_TYPES.BlockStatement: {
      const last = node.body.at(-1);
      return last?.type === AST_NODE_TYPES.ReturnStatement && rendersSomething(last);
    }
    case AST_NODE_TYPES.JSXElement:
      return true;
    case AST_NODE_TYPES.JSXFragment:
      return node.children.length > 0;
    case AST_NODE_TYPES.CallExpression:
      return true;
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' && node.value !== '';
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return rendersSomething(node.consequent) || rendersSomething(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return rendersSomething(node.right);
    default:
      return false;
  }
}
