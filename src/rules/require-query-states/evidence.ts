import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, contains, type FunctionNode, isFunctionNode, staticKeyName, pushChildren, variableOf, walk, exits } from '../../analysis/ast.js';

/**
 * What a user sees in this component when the request fails (or is still loading), proven from
 * how the component renders the data:
 * - `crash`: the render dereferences the data while it can be undefined (`data.items`, `data!.x`);
 * - `loader`: a branch taken when the data is absent renders a spinner or skeleton (it never ends);
 * - `empty`: a branch taken when the data is absent or empty renders an empty state;
 * - `control`: a form control shows a fallback (`data?.enabled ?? true`) as the saved value;
 * - `list`: the data is rendered as a list or table that stays blank.
 */
export type EvidenceKind = 'crash' | 'loader' | 'empty' | 'control' | 'list';

export interface Evidence {
  readonly kind: EvidenceKind;
  /** Where to report: the dereference, the test, the fallback, or the list call. */
  readonly node: TSESTree.Node;
  /** A list rendered through an empty default (`?? []`, `data: items = []`): the default hides the states. */
  readonly fallback?: TSESTree.Node | null;
}

export interface RenderFacts {
  /** Proven failures, in source order; `best()` picks the one to report. */
  readonly evidence: Evidence[];
  /** A branch taken when the data is absent renders an error, a not-found page or a redirect. */
  errorShown: boolean;
}

/** Which evidence says the most about what users see: a crash first, a blank list last. */
const PRIORITY: readonly EvidenceKind[] = ['crash', 'loader', 'empty', 'control', 'list'];

export function bestEvidence(facts: RenderFacts, kinds: ReadonlySet<EvidenceKind>): Evidence | null {
  for (const kind of PRIORITY) {
    if (!kinds.has(kind)) continue;
    const found = facts.evidence.find((evidence) => evidence.kind === kind);
    if (found) return found;
  }
  return null;
}

/**
 * What an expression derived from the data evaluates to while the data is absent (loading, or the
 * request failed): `undefined` through optional chains, the fallback of `?? []` / `?? true`, a
 * count of zero, or something this analysis cannot tell.
 */
type Absent = 'undefined' | 'zero' | 'empty' | 'object' | 'true' | 'false' | 'text' | 'unknown';

interface Flow {
  /** Member accesses since the data itself: 0 is the data (or a plain alias of it). */
  readonly depth: number;
  readonly absent: Absent;
  /** The `?? []`, `?? true` or `data: items = []` that gives the value while the data is absent. */
  readonly fallbackNode: TSESTree.Node | null;
  /** Alias hops (`const items = data?.items ?? []`). */
  readonly hops: number;
}

const START: Flow = { depth: 0, absent: 'undefined', fallbackNode: null, hops: 0 };

const LIST_METHODS = new Set(['map', 'flatMap']);
/** Array methods whose result is still the collection (or a part of it). */
const COLLECTION_METHODS = new Set(['filter', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat', 'flat']);
const ELEMENT_METHODS = new Set(['find', 'findLast', 'at']);
const COUNT_KEYS = new Set(['length', 'size']);
/** What these methods give on an empty list. */
const EMPTY_LIST_TESTS: Readonly<Record<string, boolean>> = { includes: false, some: false, every: true };
/** Fields whose test proves the data is there: the data itself, success, the status. */
const SUCCESS_KEYS = new Set(['data', 'currentData', 'isSuccess', 'status', 'isPlaceholderData']);
/** Names of settings and permissions: a test on them is about the value, not about its absence. */
const FLAG_NAME = /^(?:is|has|can|should|allow|enable|show|use)[A-Z]|[eE]nabled$|[aA]llowed$/u;
const LOADING_FLAG = /^is(?:Initial)?(?:Loading|Pending|Fetching|Validating|Refetching)\w*$|^(?:loading|pending|fetching)$|^[a-z]\w*(?:Loading|Pending|Fetching)$/u;
/** Attributes that show a control's current value. */
const CONTROL_ATTRIBUTES = new Set(['checked', 'defaultChecked', 'value', 'defaultValue', 'pressed', 'defaultPressed', 'selected', 'isSelected', 'isChecked', 'isOn', 'enabled']);
const CHANGE_ATTRIBUTE = /^on\w*(?:Change|Toggle)$/u;
/** Props that hand a list or a table its rows. */
const LIST_PROPS = new Set(['data', 'rows', 'items', 'records', 'entries', 'list', 'dataSource', 'series']);
/** Picker options: the values a user chooses from, not the content of the page. */
const PICKER_ELEMENT =
  /^(?:option|optgroup|select|datalist|Option|\w*(?:Select|Command|Combobox|ComboBox|Dropdown\w*|Menu|Listbox|ListBox|Autocomplete|AutoComplete|Radio\w*|Toggle\w*|Tabs|Picker|Segmented\w*)(?:Item|Option|Trigger|Content|Group|List|Items|Options|Empty)?)$/u;
/** A list of form fields or checkboxes: the options of a form control. */
const FORM_OPTION = /^(?:FormField|Checkbox\w*|Radio\w*|Switch)$/u;
/** Containers that hold page content, not options. */
const NOT_PICKER = new Set(['Tabs', 'TabsContent']);
const PICKER_PROPS = new Set(['options', 'choices', 'suggestions']);

/** Names and text of what a branch renders. */
const LOADER_NAME = /Skeleton|Spinner|Spin$|Loader|Loading|Progress|Shimmer|Pulse|Placeholder$/u;
const LOADER_CLASS = /\banimate-(?:spin|pulse)\b|\b(?:skeleton|spinner|loading|loader)\b/u;
const LOADER_TEXT = /\bloading\b|\bfetching\b|please wait/iu;
const ERROR_NAME = /Error|NotFound|Forbidden|Unauthori[sz]ed|Denied|Redirect|Navigate|Page404|404/u;
const ERROR_TEXT =
  /\berror\b|\bfail(?:ed|ure|s)?\b|not found|went wrong|couldn['’]?t|could not|unable to|does ?n['’]?o?t exist|no access|not authori[sz]ed|forbidden|denied|\b404\b|invalid|expired|try again/iu;
/** An error for a list: "not found" there is the empty state ("No results found"). */
const LIST_ERROR_TEXT = /\berror\b|\bfail(?:ed|ure|s)?\b|went wrong|couldn['’]?t load|could not load|unable to load|try again/iu;
const ERROR_CALLS = new Set(['notFound', 'redirect', 'permanentRedirect', 'navigate', 'replace', 'push', 'unauthorized', 'forbidden']);
const EMPTY_NAME = /Empty|NoData|NoResults|ZeroState|Blank|Onboarding|GetStarted/u;
const EMPTY_TEXT =
  /\bno\b|\bnone\b|nothing|\byet\b|\bempty\b|get started|\bfirst\b|you need to|don['’]?t have|do not have|haven['’]?t|have not|\b(?:create|add|connect|invite|set up|setup) (?:a|an|your|new|one)\b/iu;
/** Past this many elements a branch is a page, not a loader or an empty state. */
const SMALL_BRANCH = 16;

type BranchKind = 'loader' | 'error' | 'empty' | 'nothing' | 'other';

const MAX_STEPS = 2000;

/**
 * Follows each read of the data through the component: member reads, fallbacks, aliases,
 * `useMemo`, array methods, conditions and JSX, and records the failures a user would see.
 */
export class EvidenceCollector {
  readonly facts: RenderFacts = { evidence: [], errorShown: false };
  private steps = 0;
  private readonly derefs: TSESTree.Node[] = [];
  private readonly names: Set<string>;
  /** `if (!data) return null;` and the like: early returns taken while the data is absent. */
  private readonly absentExits: TSESTree.IfStatement[] = [];
  /** Names bound to the data or to values derived from it, with what they hold while it is absent. */
  private readonly data = new Map<string, { readonly absent: Absent; readonly depth: number }>();
  /** Reads that are the data itself (`data`, `query.data`). */
  private readonly dataNodes = new Set<TSESTree.Node>();
  /** Decisions already judged (several reads of the data meet at one test). */
  private readonly decided = new Set<TSESTree.Node>();

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly owner: FunctionNode,
    /** Local names bound to this result (its fields, the result itself): a test on them guards the data. */
    names: Iterable<string>,
    /** The data can be undefined while the component renders (no placeholder, initial data or default). */
    private readonly canBeUndefined: boolean,
  ) {
    this.names = new Set(names);
  }

  /** `read` evaluates to the data; `defaulted` when its binding has a default (`data: items = []`). */
  add(read: TSESTree.Node, defaulted: TSESTree.AssignmentPattern | null): void {
    if (read.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(this.sourceCode, read);
      const declared = variable?.defs[0]?.name;
      if (declared?.type === AST_NODE_TYPES.Identifier && !this.data.has(declared.name)) {
        this.data.set(declared.name, { absent: defaulted ? fallbackValue(defaulted.right, 'undefined') : 'undefined', depth: 0 });
      }
    } else {
      this.dataNodes.add(read);
    }
    if (!defaulted) {
      this.flow(read, START);
      return;
    }
    this.flow(read, { ...START, absent: fallbackValue(defaulted.right, 'undefined'), fallbackNode: defaulted });
  }

  /** Crash candidates are judged once every alias name is known; what an early `return null` hides is dropped. */
  finish(): RenderFacts {
    if (this.absentExits.length > 0) {
      const reachable = this.facts.evidence.filter((evidence) => !this.absentExits.some((exit) => precedes(exit, evidence.node)));
      this.facts.evidence.length = 0;
      this.facts.evidence.push(...reachable);
    }
    if (this.canBeUndefined) {
      for (const deref of this.derefs) {
        if (!this.guarded(deref)) {
          this.facts.evidence.push({ kind: 'crash', node: deref });
          break;
        }
      }
    }
    return this.facts;
  }

  private flow(node: TSESTree.Node, flow: Flow): void {
    if (++this.steps > MAX_STEPS) return;
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSNonNullExpression:
        this.flow(parent, flow);
        return;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) this.member(parent, flow);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.left === node && parent.operator !== '&&') {
          // `data?.items ?? []`: the fallback is what shows while the data is absent.
          const absent = fallbackValue(parent.right, flow.absent, parent.operator);
          this.flow(parent, { ...flow, absent, fallbackNode: absent === flow.absent ? flow.fallbackNode : parent });
          return;
        }
        if (parent.left === node) {
          this.test(node, flow, 'value');
          return;
        }
        this.flow(parent, { ...flow, absent: 'unknown' });
        return;
      case AST_NODE_TYPES.UnaryExpression:
        if (parent.operator === '!') this.test(node, flow, 'value');
        return;
      case AST_NODE_TYPES.BinaryExpression:
        if (isNullish(parent.left === node ? parent.right : parent.left)) this.test(node, flow, 'value');
        return;
      case AST_NODE_TYPES.IfStatement:
        if (parent.test === node) this.test(node, flow, 'value');
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) this.test(node, flow, 'value');
        else this.flow(parent, { ...flow, absent: 'unknown' });
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) this.alias(parent.id, flow);
        return;
      case AST_NODE_TYPES.JSXExpressionContainer:
        if (parent.parent.type === AST_NODE_TYPES.JSXAttribute) this.attribute(parent.parent, flow);
        return;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === node) return;
        // `format(data.total)`, `Object.keys(data ?? {})`: a value derived from the data.
        if (calleeName(parent) === 'useState') return;
        this.flow(parent, { ...flow, depth: flow.depth + 1, absent: 'unknown', fallbackNode: null });
        return;
      case AST_NODE_TYPES.TemplateLiteral:
        this.flow(parent, { ...flow, depth: flow.depth + 1, absent: 'unknown', fallbackNode: null });
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) this.memo(parent, flow);
        return;
      case AST_NODE_TYPES.Property:
        // `useReactTable({ data: data?.rows ?? [] })`: the table's rows.
        if (parent.value === node && flow.absent === 'empty' && flow.fallbackNode && tableRows(parent)) {
          this.facts.evidence.push({ kind: 'list', node: flow.fallbackNode, fallback: flow.fallbackNode });
        }
        return;
      case AST_NODE_TYPES.ReturnStatement: {
        const fn = enclosingFunctionOf(parent);
        if (fn && fn !== this.owner) this.memo(fn, flow);
        return;
      }
      default:
    }
  }

  private member(member: TSESTree.MemberExpression, flow: Flow): void {
    const key = staticKeyName(member);
    let absent: Absent = 'unknown';
    if (flow.absent === 'undefined') {
      if (member.optional || shortCircuits(member)) absent = 'undefined';
      else this.derefs.push(member);
    } else if (flow.absent === 'object') {
      absent = 'undefined';
    } else if (flow.absent === 'empty') {
      absent = key !== null && COUNT_KEYS.has(key) ? 'zero' : 'undefined';
    }
    if (key !== null && COUNT_KEYS.has(key)) {
      this.test(member, { ...flow, depth: flow.depth + 1, absent }, 'count');
      return;
    }
    const call = member.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee === member && key !== null) {
      const collection = flow.absent === 'empty' ? 'empty' : absent;
      if (LIST_METHODS.has(key) && rendersElements(call)) {
        if (collection === 'undefined' || collection === 'empty') this.list(call, flow);
        return;
      }
      // `.map((item) => ({ ...item }))`: still the collection, transformed.
      if (COLLECTION_METHODS.has(key) || LIST_METHODS.has(key)) {
        this.flow(call, { ...flow, depth: flow.depth + 1, absent: collection });
        return;
      }
      const element = ELEMENT_METHODS.has(key) && (collection === 'undefined' || collection === 'empty') ? 'undefined' : 'unknown';
      this.flow(call, { ...flow, depth: flow.depth + 1, absent: element, fallbackNode: null });
      return;
    }
    this.flow(member, { ...flow, depth: flow.depth + 1, absent, fallbackNode: null });
  }

  /** `const items = data?.items ?? []`, `const { items = [] } = data ?? {}`: the alias is followed. */
  private alias(id: TSESTree.Node, flow: Flow): void {
    if (flow.hops >= 4) return;
    if (id.type === AST_NODE_TYPES.Identifier) {
      this.names.add(id.name);
      if (!this.data.has(id.name)) this.data.set(id.name, { absent: flow.absent, depth: flow.depth });
      this.references(id, (reference) => {
        this.flow(reference, { ...flow, hops: flow.hops + 1 });
      });
      return;
    }
    if (id.type !== AST_NODE_TYPES.ObjectPattern) return;
    // `const { items } = data` throws while the data is undefined.
    if (flow.absent === 'undefined') this.derefs.push(id.parent);
    const absent: Absent = flow.absent === 'object' ? 'undefined' : 'unknown';
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      let target: TSESTree.Node = property.value;
      let next: Flow = { ...flow, depth: flow.depth + 1, absent, fallbackNode: null, hops: flow.hops + 1 };
      if (target.type === AST_NODE_TYPES.AssignmentPattern) {
        next = { ...next, absent: fallbackValue(target.right, absent), fallbackNode: target };
        target = target.left;
      }
      if (target.type !== AST_NODE_TYPES.Identifier) continue;
      this.names.add(target.name);
      if (!this.data.has(target.name)) this.data.set(target.name, { absent: next.absent, depth: next.depth });
      const flowOfProperty = next;
      this.references(target, (reference) => {
        this.flow(reference, flowOfProperty);
      });
    }
  }

  private references(id: TSESTree.Identifier, visit: (reference: TSESTree.Identifier) => void): void {
    const variable = variableOf(this.sourceCode, id);
    if (!variable) return;
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return;
    for (const reference of variable.references) {
      if (reference.init || !reference.isRead()) continue;
      visit(reference.identifier as TSESTree.Identifier);
    }
  }

  /** `useMemo(() => data?.items ?? [], [data])`: the memo's value is the derived data. */
  private memo(fn: FunctionNode, flow: Flow): void {
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return;
    const name = calleeName(call);
    if (name === 'useMemo' || name === 'computed') this.flow(call, { ...flow, hops: flow.hops + 1 });
  }

  /** `data.map((item) => <Row />)` rendered: a list, unless it is a picker's options. */
  private list(call: TSESTree.CallExpression, flow: Flow): void {
    const fallback = flow.absent === 'empty' ? flow.fallbackNode : null;
    const callback = call.arguments[0];
    const element = callback && isFunctionNode(callback) ? returnedElement(callback) : null;
    if (!element) return;
    if (isPicker(element) || FORM_OPTION.test(element)) return;
    // Where the list goes: JSX children (through conditions and fallbacks), or the component's return.
    let current: TSESTree.Node = call;
    for (let step = 0; step < 8; step++) {
      const parent: TSESTree.Node = current.parent;
      if (
        parent.type === AST_NODE_TYPES.ChainExpression ||
        parent.type === AST_NODE_TYPES.LogicalExpression ||
        parent.type === AST_NODE_TYPES.ConditionalExpression ||
        parent.type === AST_NODE_TYPES.TSAsExpression
      ) {
        current = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) {
        if (parent.parent.type === AST_NODE_TYPES.JSXAttribute) return;
        if (insidePicker(parent, this.owner)) return;
        this.facts.evidence.push({ kind: 'list', node: listNode(call), fallback });
        return;
      }
      if (parent.type === AST_NODE_TYPES.ReturnStatement && enclosingFunctionOf(parent) === this.owner) {
        this.facts.evidence.push({ kind: 'list', node: listNode(call), fallback });
      }
      return;
    }
  }

  /** A prop: a control's value, a table's rows. */
  private attribute(attribute: TSESTree.JSXAttribute, flow: Flow): void {
    const name = attribute.name.type === AST_NODE_TYPES.JSXIdentifier ? attribute.name.name : null;
    if (name === null || !flow.fallbackNode) return;
    const element = attribute.parent;
    const elementName = jsxName(element.name);
    if ((flow.absent === 'true' || flow.absent === 'false' || flow.absent === 'text') && CONTROL_ATTRIBUTES.has(name)) {
      const changes = element.attributes.some(
        (other) => other.type === AST_NODE_TYPES.JSXAttribute && other.name.type === AST_NODE_TYPES.JSXIdentifier && CHANGE_ATTRIBUTE.test(other.name.name),
      );
      if (changes) this.facts.evidence.push({ kind: 'control', node: flow.fallbackNode });
      return;
    }
    if (flow.absent !== 'empty' || PICKER_PROPS.has(name) || isPicker(elementName) || !/^[A-Z]/u.test(elementName)) return;
    if (LIST_PROPS.has(name) && !insidePicker(element, this.owner)) {
      this.facts.evidence.push({ kind: 'list', node: flow.fallbackNode, fallback: flow.fallbackNode });
    }
  }

  /**
   * A condition on the data: climbs to the decision it feeds (an `if`, a ternary, a JSX `&&`),
   * evaluates its test for absent data (loading, or the request failed) and for an empty result,
   * and judges the branch shown while the data is absent.
   */
  private test(start: TSESTree.Node, flow: Flow, kind: 'value' | 'count'): void {
    const decision = decisionOf(start);
    if (!decision || this.decided.has(decision.test) || !this.renders(decision)) return;
    this.decided.add(decision.test);
    const absent = truthiness(this.evaluate(decision.test, 'absent'));
    if (absent === null) return;
    // Inside a condition that is false while the data is absent (`{ready && (items.length ? list : <Empty />)}`),
    // the decision shows nothing then.
    if (this.unreachableWhenAbsent(decision.test)) return;
    const empty = truthiness(this.evaluate(decision.test, 'empty'));
    const branch = absent ? decision.consequent : decision.alternate;
    // `if (items.length === 0) { list.push(...) }` decides nothing about what renders.
    if (decision.statement && branch && branch.type !== AST_NODE_TYPES.ReturnStatement && !(branch.type === AST_NODE_TYPES.BlockStatement && exits(branch))) return;
    const sameAsEmpty = empty === null ? null : empty === absent;
    // A test on the count (`data?.length === 0`) shows its empty state on error only when absent
    // data takes the same branch as an empty list; otherwise the branch is the list itself.
    if (sameAsEmpty !== true && readsCount(decision.test)) {
      if (branch && rendersNothing(branch)) this.branch(branch, decision.test, flow, kind, sameAsEmpty);
      return;
    }
    if (branch) this.branch(branch, decision.test, flow, kind, sameAsEmpty);
  }

  /**
   * `sameAsEmpty`: the branch is also the one shown for an empty result (the empty state), or
   * not (the branch for absent data: a loader, an error, a "no data" message), or unknown.
   */
  private branch(branch: TSESTree.Node, test: TSESTree.Node, flow: Flow, kind: 'value' | 'count', sameAsEmpty: boolean | null): void {
    // `useMemo(() => { if (!data) return []; ... })`: the memo's value while the data is absent.
    const memo = memoReturn(branch, this.owner);
    // Only a memo that is empty because the data is absent (`if (!data) return []`), not one
    // that is empty because a field is (`if (!data?.nextDate) return []`).
    if (memo && (sameAsEmpty === true || flow.depth === 0)) {
      const absent = fallbackValue(memo.value, 'undefined');
      if (absent !== 'unknown') this.flow(memo.call, { ...flow, depth: flow.depth + 1, absent, fallbackNode: test, hops: flow.hops + 1 });
      return;
    }
    if (memo) return;
    // A picker's own "No results" line (`<CommandEmpty>`, a disabled menu item) is not the page's
    // empty state, nor is the "add one" button shown in place of an empty `<Select>`.
    if (insidePicker(test, this.owner) || (sameAsEmpty === true && this.otherBranchIsPicker(test, branch))) return;
    const shown = classifyBranch(branch, sameAsEmpty === true ? 'count' : kind);
    switch (shown) {
      case 'loader':
        this.facts.evidence.push({ kind: 'loader', node: test });
        return;
      case 'error':
        if (sameAsEmpty !== null) this.facts.errorShown = true;
        return;
      case 'empty':
        // "No data found" for absent data: the test must tell absent from present (not `x !== null` on a field).
        if (sameAsEmpty === true || (sameAsEmpty === false && !this.testsFlag(test))) this.facts.evidence.push({ kind: 'empty', node: test });
        return;
      case 'other':
        // The branch an empty result shows: its empty state, unless it renders the data itself.
        if (sameAsEmpty === true && !this.mentions(branch)) this.facts.evidence.push({ kind: 'empty', node: test });
        return;
      case 'nothing':
        // `if (!data) return null;`: nothing after it renders while the data is absent.
        if (test.parent?.type === AST_NODE_TYPES.IfStatement && exits(test.parent.consequent) && branch === test.parent.consequent) this.absentExits.push(test.parent);
        return;
    }
  }

  /**
   * Whether a decision chooses what the component renders: an `if` in the component's body (or
   * in a `useMemo` callback), a ternary or `&&` in JSX, in the component's `return`, or with JSX
   * in a branch; not a string built for a log or a clipboard.
   */
  private renders(decision: Decision): boolean {
    const holder = decision.test.parent;
    if (holder?.type === AST_NODE_TYPES.IfStatement) {
      const fn = enclosingFunctionOf(holder);
      return fn === this.owner || (fn !== null && fn.parent.type === AST_NODE_TYPES.CallExpression && calleeName(fn.parent) === 'useMemo');
    }
    if (elementOf(decision.consequent) !== null || (decision.alternate !== null && elementOf(decision.alternate) !== null)) return true;
    for (let current: TSESTree.Node | undefined = holder; current && current !== this.owner; current = current.parent) {
      if (current.type === AST_NODE_TYPES.JSXExpressionContainer) return true;
      if (current.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunctionOf(current) === this.owner;
      if (isFunctionNode(current) || current.type === AST_NODE_TYPES.VariableDeclarator || current.type === AST_NODE_TYPES.ExpressionStatement) return false;
    }
    return false;
  }

  /**
   * The decision's other branch (the one for a non-empty result) is a picker: a `<Select>` of the
   * items, or a popover holding a command list (a combobox).
   */
  private otherBranchIsPicker(test: TSESTree.Node, branch: TSESTree.Node): boolean {
    const holder = test.parent;
    if (holder?.type !== AST_NODE_TYPES.ConditionalExpression && holder?.type !== AST_NODE_TYPES.IfStatement) return false;
    let other: TSESTree.Node | null = holder.consequent === branch ? holder.alternate : holder.consequent;
    if (!other && holder.type === AST_NODE_TYPES.IfStatement && exits(holder.consequent)) other = followingReturn(holder);
    if (!other) return false;
    const root = other.type === AST_NODE_TYPES.ReturnStatement && other.argument ? other.argument : other;
    const element = elementOf(root);
    if (element === null) return false;
    if (isPicker(element) || FORM_OPTION.test(element)) return true;
    if (!element.startsWith('Popover')) return false;
    let found = false;
    let count = 0;
    walk(root, (node) => {
      if (!found && ++count < 500 && node.type === AST_NODE_TYPES.JSXOpeningElement && isPicker(jsxName(node.name))) found = true;
    });
    return found;
  }

  /** `!isCloud ? ... : ...`: a test on a flag-like name (`isX`, `hasX`, `canX`) is about a setting, not about absent data. */
  private testsFlag(test: TSESTree.Node): boolean {
    let flag = false;
    walkShallow(test, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier && this.data.has(node.name) && FLAG_NAME.test(node.name)) flag = true;
      if (node.type === AST_NODE_TYPES.MemberExpression && FLAG_NAME.test(staticKeyName(node) ?? '')) flag = true;
      return !flag;
    });
    return flag;
  }

  /**
   * The value of a test when the data is absent (`absent`: loading, or the request failed; the
   * loading flags are false then) or loaded but empty (`empty`). Null when unknown.
   */
  private evaluate(node: TSESTree.Node, scenario: 'absent' | 'empty', depth = 0, follow = false): Value {
    if (depth > 12) return null;
    if (this.dataNodes.has(node)) return scenario === 'absent' ? UNDEFINED : EMPTY_LIST;
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        if (node.name === 'undefined') return UNDEFINED;
        const alias = this.data.get(node.name);
        if (alias) {
          const value = scenario === 'absent' ? valueOfAbsent(alias.absent) : alias.depth === 0 || alias.absent === 'empty' ? EMPTY_LIST : null;
          if (value !== null || !follow) return value;
        } else if (LOADING_FLAG.test(node.name)) {
          return { kind: 'boolean', value: false };
        }
        return follow ? this.constantValue(node, scenario, depth, follow) : null;
      }
      case AST_NODE_TYPES.Literal:
        if (node.value === null) return UNDEFINED;
        if (typeof node.value === 'number') return { kind: 'number', value: node.value };
        if (typeof node.value === 'boolean') return { kind: 'boolean', value: node.value };
        if (typeof node.value === 'string') return { kind: 'boolean', value: node.value !== '' };
        return null;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
        return this.evaluate(node.expression, scenario, depth + 1, follow);
      case AST_NODE_TYPES.MemberExpression: {
        const key = staticKeyName(node);
        if (key !== null && LOADING_FLAG.test(key) && !this.dataNodes.has(node.object)) return { kind: 'boolean', value: false };
        const object = this.evaluate(node.object, scenario, depth + 1, follow);
        if (object?.kind === 'undefined') return node.optional || shortCircuits(node) ? UNDEFINED : null;
        if (object?.kind !== 'list' || key === null) return null;
        // An empty result: no items, and its nested lists (`data.items`) are empty too.
        return COUNT_KEYS.has(key) ? { kind: 'number', value: 0 } : scenario === 'empty' ? EMPTY_LIST : null;
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
        const key = staticKeyName(callee);
        const object = this.evaluate(callee.object, scenario, depth + 1, follow);
        // `[].includes(x)` and `[].some(f)` are false, `[].every(f)` is true.
        if (follow && object?.kind === 'list' && key !== null && Object.hasOwn(EMPTY_LIST_TESTS, key)) return { kind: 'boolean', value: EMPTY_LIST_TESTS[key] === true };
        if (key === null || !COLLECTION_METHODS.has(key)) return null;
        if (object?.kind === 'list') return EMPTY_LIST;
        return object?.kind === 'undefined' && (callee.optional || node.optional) ? UNDEFINED : null;
      }
      case AST_NODE_TYPES.UnaryExpression: {
        if (node.operator !== '!') return null;
        const inner = truthiness(this.evaluate(node.argument, scenario, depth + 1, follow));
        return inner === null ? null : { kind: 'boolean', value: !inner };
      }
      case AST_NODE_TYPES.BinaryExpression:
        return compareValues(node.operator, this.evaluate(node.left, scenario, depth + 1, follow), this.evaluate(node.right, scenario, depth + 1, follow));
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.evaluate(node.left, scenario, depth + 1, follow);
        if (node.operator === '??') {
          if (left === null) return null;
          return left.kind === 'undefined' ? this.evaluate(node.right, scenario, depth + 1, follow) : left;
        }
        const leftTruth = truthiness(left);
        if (node.operator === '&&' && leftTruth === false) return left;
        if (node.operator === '||' && leftTruth === true) return left;
        const right = this.evaluate(node.right, scenario, depth + 1, follow);
        if (leftTruth !== null) return right;
        // Unknown on the left: `x && false` is falsy and `x || true` truthy whatever `x` is.
        const rightTruth = truthiness(right);
        if (node.operator === '&&' && rightTruth === false) return { kind: 'boolean', value: false };
        if (node.operator === '||' && rightTruth === true) return { kind: 'boolean', value: true };
        return null;
      }
      case AST_NODE_TYPES.ArrayExpression:
        return follow && node.elements.length === 0 ? EMPTY_LIST : null;
      default:
        return null;
    }
  }

  /**
   * The value of a local `const` of the component, evaluated from its initializer
   * (`const slackAvailable = providers.includes('SLACK')`): only where a decision's surroundings are asked.
   */
  private constantValue(node: TSESTree.Identifier, scenario: 'absent' | 'empty', depth: number, follow: boolean): Value {
    const declarator = this.localDeclarator(node);
    if (!declarator?.init || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return null;
    return this.evaluate(declarator.init, scenario, depth + 1, follow);
  }

  /** The declarator of a name declared inside the component with an initializer there (`const x = ...`, `let { a } = ...`). */
  private localDeclarator(node: TSESTree.Identifier): TSESTree.VariableDeclarator | null {
    const definition = variableOf(this.sourceCode, node)?.defs[0];
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
    const init = definition.node.init;
    return init && contains(this.owner, init) ? definition.node : null;
  }

  /**
   * Whether a condition around `test` (a `&&`, a ternary or an `if` it sits in, up to the component)
   * is known to take the other way while the data is absent: the decision is not rendered then.
   */
  private unreachableWhenAbsent(test: TSESTree.Node): boolean {
    let current: TSESTree.Node = test;
    for (let parent = current.parent; parent && current !== this.owner; current = parent, parent = parent.parent) {
      let guard: TSESTree.Node | null = null;
      let taken = true;
      if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current && parent.operator !== '??') {
        guard = parent.left;
        taken = parent.operator === '&&';
      } else if ((parent.type === AST_NODE_TYPES.ConditionalExpression || parent.type === AST_NODE_TYPES.IfStatement) && parent.test !== current) {
        guard = parent.test;
        taken = parent.consequent === current;
      }
      if (guard === null) continue;
      const truth = truthiness(this.evaluate(guard, 'absent', 0, true));
      if (truth !== null && truth !== taken) return true;
    }
    return false;
  }

  /** Whether a test on this result's names guards `node`: an enclosing condition or an earlier early return. */
  private guarded(node: TSESTree.Node): boolean {
    let current: TSESTree.Node = node;
    for (let parent = current.parent; parent && current !== this.owner; current = parent, parent = parent.parent) {
      switch (parent.type) {
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test !== current && this.mentions(parent.test)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (parent.right === current && this.mentions(parent.left)) return true;
          break;
        case AST_NODE_TYPES.IfStatement:
          if (parent.test !== current && this.mentions(parent.test)) return true;
          break;
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.Program: {
          const index = parent.body.indexOf(current as TSESTree.Statement);
          for (let earlier = 0; earlier < index; earlier++) {
            const statement = parent.body[earlier];
            if (statement?.type === AST_NODE_TYPES.IfStatement && exits(statement.consequent) && this.mentions(statement.test)) return true;
            if (statement?.type === AST_NODE_TYPES.SwitchStatement && this.mentions(statement.discriminant)) return true;
          }
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  /**
   * Whether an expression reads the data or its success (`data`, an alias of it, `query.data`,
   * `isSuccess`, `status`): a loading or error flag alone does not prove the data is there.
   */
  private mentions(test: TSESTree.Node, depth = 0): boolean {
    let found = false;
    walkShallow(test, (node) => {
      if (this.dataNodes.has(node)) found = true;
      else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const key = staticKeyName(node);
        if (key !== null && SUCCESS_KEYS.has(key) && node.object.type === AST_NODE_TYPES.Identifier && this.names.has(node.object.name)) found = true;
      }
      if (found || node.type !== AST_NODE_TYPES.Identifier) return !found;
      if (this.data.has(node.name) || (this.names.has(node.name) && SUCCESS_KEYS.has(node.name))) found = true;
      else if (depth < 2 && !this.names.has(node.name)) {
        // `const hasResults = items && items.length > 0;` then `hasResults ? items.map(...) : null`.
        const init = this.localDeclarator(node)?.init;
        if (init && this.mentions(init, depth + 1)) found = true;
      }
      return !found;
    });
    return found;
  }
}

/** `{ data: ... }` in the options of a table hook (`useReactTable`, `useTable`, `useDataGrid`). */
function tableRows(property: TSESTree.Property): boolean {
  const key = staticKeyName(property);
  const object = property.parent;
  if (key === null || !LIST_PROPS.has(key) || object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const call = object.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === object && /^use\w*(?:Table|Grid)$/u.test(calleeName(call) ?? '');
}

/** A branch that returns from a `useMemo` callback: the call and the returned value. */
function memoReturn(branch: TSESTree.Node, owner: FunctionNode): { readonly call: TSESTree.CallExpression; readonly value: TSESTree.Node } | null {
  const statement = branch.type === AST_NODE_TYPES.BlockStatement && branch.body.length === 1 ? branch.body[0] : branch;
  if (statement?.type !== AST_NODE_TYPES.ReturnStatement || !statement.argument) return null;
  const fn = enclosingFunctionOf(statement);
  if (!fn || fn === owner) return null;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn || calleeName(call) !== 'useMemo') return null;
  return { call, value: statement.argument };
}


/** Whether `node` runs after `statement` returned: it sits in a later statement of the same block. */
function precedes(statement: TSESTree.IfStatement, node: TSESTree.Node): boolean {
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return false;
  return contains(block, node) && node.range[0] >= statement.range[1];
}

/** Whether a test reads a `.length` or `.size`. */
function readsCount(test: TSESTree.Node): boolean {
  let found = false;
  walkShallow(test, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && COUNT_KEYS.has(staticKeyName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}

/** A value of the evaluation of a test: `undefined`, a list (empty), a number, a boolean. */
type Value =
  | { readonly kind: 'undefined' }
  | { readonly kind: 'list' }
  | { readonly kind: 'object' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | null;

const UNDEFINED: Value = { kind: 'undefined' };
const EMPTY_LIST: Value = { kind: 'list' };

function valueOfAbsent(absent: Absent): Value {
  switch (absent) {
    case 'undefined':
      return UNDEFINED;
    case 'empty':
      return EMPTY_LIST;
    case 'object':
      return { kind: 'object' };
    case 'zero':
      return { kind: 'number', value: 0 };
    case 'true':
    case 'text':
      return { kind: 'boolean', value: true };
    case 'false':
      return { kind: 'boolean', value: false };
    case 'unknown':
      return null;
  }
}

function truthiness(value: Value): boolean | null {
  if (value === null) return null;
  switch (value.kind) {
    case 'undefined':
      return false;
    case 'list':
    case 'object':
      return true;
    case 'number':
      return value.value !== 0 && !Number.isNaN(value.value);
    case 'boolean':
      return value.value;
  }
}

/** `undefined === 0` is false, `0 > 0` is false, `undefined == null` is true: JavaScript's answers. */
function compareValues(operator: string, left: Value, right: Value): Value {
  const plain = (value: Value): unknown => {
    if (value === null) return NaN;
    if (value.kind === 'undefined') return undefined;
    if (value.kind === 'number' || value.kind === 'boolean') return value.value;
    return NaN;
  };
  if (left === null || right === null || left.kind === 'list' || right.kind === 'list' || left.kind === 'object' || right.kind === 'object') return null;
  const a = plain(left) as number;
  const b = plain(right) as number;
  switch (operator) {
    case '===':
    case '==':
      return { kind: 'boolean', value: left.kind === 'undefined' || right.kind === 'undefined' ? left.kind === right.kind : a === b };
    case '!==':
    case '!=':
      return { kind: 'boolean', value: left.kind === 'undefined' || right.kind === 'undefined' ? left.kind !== right.kind : a !== b };
    case '>':
      return { kind: 'boolean', value: a > b };
    case '>=':
      return { kind: 'boolean', value: a >= b };
    case '<':
      return { kind: 'boolean', value: a < b };
    case '<=':
      return { kind: 'boolean', value: a <= b };
    default:
      return null;
  }
}

/**
 * The decision a condition on the data feeds: climbing through `!`, comparisons, `&&`, `||`,
 * `??` to an `if` (the alternate, or the code after an `if` that returns), a ternary, or a JSX
 * `cond && <X />` (whose alternate renders nothing).
 */
interface Decision {
  /** An `if`: its branches render only when they return. */
  readonly statement: boolean;
  readonly test: TSESTree.Node;
  readonly consequent: TSESTree.Node;
  readonly alternate: TSESTree.Node | null;
}

function decisionOf(start: TSESTree.Node): Decision | null {
  let expression = start;
  for (let step = 0; step < 12; step++) {
    const parent: TSESTree.Node | undefined = expression.parent;
    if (!parent) return null;
    switch (parent.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&' && parent.left === expression && rendersJsx(parent.right)) {
          return { statement: false, test: expression, consequent: parent.right, alternate: null };
        }
        break;
      case AST_NODE_TYPES.IfStatement:
        if (parent.test !== expression) return null;
        return { statement: true, test: expression, consequent: parent.consequent, alternate: parent.alternate ?? (exits(parent.consequent) ? followingReturn(parent) : null) };
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== expression) return null;
        return { statement: false, test: expression, consequent: parent.consequent, alternate: parent.alternate };
      default:
        return null;
    }
    expression = parent;
  }
  return null;
}


/** The value of `x ?? fallback` (or `x || fallback`, a default) while `x` is absent. */
function fallbackValue(node: TSESTree.Node, before: Absent, operator = '??'): Absent {
  if (before !== 'undefined' && !(operator === '||' && (before === 'zero' || before === 'false'))) return before;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.length === 0 ? 'empty' : 'unknown';
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.length === 0 ? 'object' : 'unknown';
    case AST_NODE_TYPES.Literal:
      if (node.value === null) return 'undefined';
      if (typeof node.value === 'boolean') return node.value ? 'true' : 'false';
      if (typeof node.value === 'number') return node.value === 0 ? 'zero' : 'unknown';
      // A setting's value (`?? 'HIDDEN_BY_DEFAULT'`), not an empty text field (`?? ''`).
      return typeof node.value === 'string' && node.value !== '' ? 'text' : 'unknown';
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined' ? 'undefined' : 'unknown';
    case AST_NODE_TYPES.MemberExpression:
      // An enum member: `?? Strategy.HIDDEN_BY_DEFAULT`.
      return node.object.type === AST_NODE_TYPES.Identifier && /^[A-Z]/u.test(node.object.name) && !node.computed ? 'text' : 'unknown';
    default:
      return 'unknown';
  }
}

/** `data?.a.b`: a link after an optional one short-circuits with it. */
function shortCircuits(member: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = member.object;
  for (let step = 0; step < 16; step++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      if (current.optional) return true;
      current = current.object;
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      if (current.optional) return true;
      current = current.callee;
    } else if (current.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = current.expression;
    } else {
      return false;
    }
  }
  return false;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

function enclosingFunctionOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** After `if (data) return <List />;`: the next `return` of the same block. */
function followingReturn(statement: TSESTree.IfStatement): TSESTree.Node | null {
  const parent = statement.parent;
  if (parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  const index = parent.body.indexOf(statement);
  for (const next of parent.body.slice(index + 1)) {
    if (next.type === AST_NODE_TYPES.ReturnStatement) return next;
    if (next.type === AST_NODE_TYPES.IfStatement) return null;
  }
  return null;
}

function jsxName(name: TSESTree.JSXTagNameExpression): string {
  switch (name.type) {
    case AST_NODE_TYPES.JSXIdentifier:
      return name.name;
    case AST_NODE_TYPES.JSXMemberExpression:
      return `${jsxName(name.object)}${name.property.name}`;
    case AST_NODE_TYPES.JSXNamespacedName:
      return name.name.name;
  }
}

/** `items.map((item) => <Row />)`: the callback returns JSX. */
function rendersElements(call: TSESTree.CallExpression): boolean {
  const callback = call.arguments[0];
  return callback !== undefined && isFunctionNode(callback) && returnedElement(callback) !== null;
}

/** The name of the element a list callback returns (`<li>`, `<SelectItem>`), or null when it returns no JSX. */
function returnedElement(callback: FunctionNode): string | null {
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return elementOf(callback.body);
  let found: string | null = null;
  walkShallow(callback.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunctionOf(node) === callback) found ??= elementOf(node.argument);
    return found === null;
  });
  return found;
}

function elementOf(node: TSESTree.Node): string | null {
  switch (node.type) {
    case AST_NODE_TYPES.JSXElement:
      return jsxName(node.openingElement.name);
    case AST_NODE_TYPES.JSXFragment:
      return 'Fragment';
    case AST_NODE_TYPES.ConditionalExpression:
      return elementOf(node.consequent) ?? elementOf(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return elementOf(node.right);
    default:
      return null;
  }
}

function rendersJsx(node: TSESTree.Node): boolean {
  return elementOf(node) !== null || (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string');
}

function isPicker(name: string): boolean {
  return PICKER_ELEMENT.test(name) && !NOT_PICKER.has(name);
}

/** Whether `node` sits in a picker (`<SelectContent>`, `<CommandGroup>`, `<select>`): its two nearest elements. */
function insidePicker(node: TSESTree.Node, owner: FunctionNode): boolean {
  let elements = 0;
  for (let current = node.parent; current && current !== owner && elements < 2; current = current.parent) {
    if (current.type !== AST_NODE_TYPES.JSXElement) continue;
    elements++;
    if (isPicker(jsxName(current.openingElement.name))) return true;
  }
  return false;
}

/** Report a list at its `data?.map`. */
function listNode(call: TSESTree.CallExpression): TSESTree.Node {
  return call.callee;
}

/** What a branch shows: a loader, an error (or a redirect), an empty state, nothing, or something else. */
export function classifyBranch(branch: TSESTree.Node, kind: 'value' | 'count'): BranchKind {
  if (rendersNothing(branch)) return 'nothing';
  // Set from the walk's callback: an object, so that the checks after it are not narrowed away.
  const seen = { loader: false, error: false, empty: false, text: false, size: 0 };
  const errorText = kind === 'count' ? LIST_ERROR_TEXT : ERROR_TEXT;
  const classifyText = (value: string): void => {
    if (value.trim() !== '') seen.text = true;
    if (errorText.test(value)) seen.error = true;
    if (LOADER_TEXT.test(value)) seen.loader = true;
    if (EMPTY_TEXT.test(value)) seen.empty = true;
  };
  walkShallow(branch, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.JSXOpeningElement: {
        seen.size++;
        const name = jsxName(node.name);
        // A spinner inside a button shows a pending action, not the data loading.
        if (LOADER_NAME.test(name) && !insideButton(node, branch)) seen.loader = true;
        if (ERROR_NAME.test(name) && !(kind === 'count' && name.includes('NotFound'))) seen.error = true;
        if (EMPTY_NAME.test(name)) seen.empty = true;
        for (const attribute of node.attributes) {
          if (attribute.type !== AST_NODE_TYPES.JSXAttribute || attribute.name.type !== AST_NODE_TYPES.JSXIdentifier) continue;
          const value = attribute.value?.type === AST_NODE_TYPES.Literal && typeof attribute.value.value === 'string' ? attribute.value.value : null;
          if (value === null) continue;
          if (attribute.name.name === 'className' && LOADER_CLASS.test(value) && !insideButton(node, branch)) seen.loader = true;
          if (attribute.name.name === 'variant' && value === 'destructive') seen.error = true;
          if ((attribute.name.name === 'title' || attribute.name.name === 'description' || attribute.name.name === 'message') && kind === 'count') classifyText(value);
        }
        break;
      }
      case AST_NODE_TYPES.JSXText:
        classifyText(node.value);
        break;
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string' && node.parent.type !== AST_NODE_TYPES.JSXAttribute) classifyText(node.value);
        break;
      case AST_NODE_TYPES.TemplateElement:
        classifyText(node.value.cooked ?? '');
        break;
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node);
        if (name !== null && ERROR_CALLS.has(name) && kind === 'value') seen.error = true;
        break;
      }
      case AST_NODE_TYPES.ThrowStatement:
        seen.error = true;
        break;
      default:
        break;
    }
    return true;
  });
  // Not a rendering branch (`pages?.length ? pages[0].id : undefined`), unless it redirects or throws;
  // a bare string is a state only when it says so ("Loading...", "No results").
  if (seen.size === 0 && !seen.text && !seen.error) return 'nothing';
  if (seen.size === 0 && !seen.error && !seen.loader && !seen.empty) return 'nothing';
  if (seen.error && seen.size <= SMALL_BRANCH) return 'error';
  if (seen.size > SMALL_BRANCH) return 'other';
  if (seen.loader) return 'loader';
  if (seen.empty) return 'empty';
  return 'other';
}

function insideButton(node: TSESTree.Node, root: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.JSXElement && /^button$|Button$/u.test(jsxName(current.openingElement.name))) return true;
    if (current === root) return false;
  }
  return false;
}

function rendersNothing(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return node.argument === null || rendersNothing(node.argument);
    case AST_NODE_TYPES.BlockStatement: {
      const last = node.body.at(-1);
      if (!last) return true;
      if (last.type === AST_NODE_TYPES.ReturnStatement) return rendersNothing(last);
      return last.type !== AST_NODE_TYPES.ThrowStatement && !node.body.some((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement);
    }
    case AST_NODE_TYPES.Literal:
      return node.value === null || node.value === false || node.value === '';
    case AST_NODE_TYPES.Identifier:
      return node.name === 'undefined';
    case AST_NODE_TYPES.JSXFragment:
      return node.children.length === 0;
    default:
      return false;
  }
}

/** Depth-first over `root`, not into functions below it (handlers, callbacks); stops when `visit` returns false. */
function walkShallow(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean): void {
  const stack: TSESTree.Node[] = [root];
  let count = 0;
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (++count > 3000) return;
    if (node !== root && isFunctionNode(node)) continue;
    if (!visit(node)) return;
    pushChildren(node, stack);
  }
}
