import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, descendants, exits, memberPath, staticKeyName, unwrap, variableOf as scopeVariable, walk } from '../../analysis/ast.js';
import { mayRunBefore } from '../../analysis/control-flow.js';
import type { FileFacts } from '../../analysis/file-facts.js';
import { queryValueLeaves, sourceOf } from '../../analysis/value-source.js';
import { MEMBERSHIP_TABLE } from '../../knowledge/tenant.js';

/**
 * What ties a request value to the caller's tenant before a query uses it (PRECISION.md, "no
 * earlier check in the handler that this row or id belongs to the tenant"). A value is the same
 * value only through the same variable (`id` of one `if` branch is not `id` of another), followed
 * through `const` aliases (`const { id: docId } = req.query` names `req.query.id`). What counts as
 * a check: a scoped query that used the value, an access check given it, a read given it together
 * with the caller, a read that filters it under a tenant predicate and rejects when nothing comes
 * back, and a row loaded by the value whose tenant or owner was then checked.
 */

/** A query that filters by the tenant: it verifies the values it uses for later queries. */
export interface ScopedQuery {
  readonly fn: TSESTree.Node | null;
  readonly table: string;
  readonly start: number;
  readonly node: TSESTree.Node;
  /** The values its tenant predicate compares the tenant column with, when known. */
  readonly tenantValues?: readonly TSESTree.Node[];
}

export interface Ties {
  /** Whether the row a read returns is only tested for existence, never used. */
  onlyTestedForExistence(query: TSESTree.Node): boolean;
  /** Whether `value` was tied to the tenant in `fn` before `query`. */
  tiedEarlier(fn: TSESTree.Node, query: TSESTree.Node, value: TSESTree.Node): boolean;
  /**
   * Whether a scoped query's tenant comes from the request (`org_id = req.query.orgId`) and was not
   * itself tied to the caller first: such a query checks nothing (the client chose the tenant).
   */
  clientChosenTenant(scoped: ScopedQuery): boolean;
  /** Whether a row loaded by `value` has its tenant or owner compared with the caller after `query`, in `fn`. */
  tiedAfter(fn: TSESTree.Node, query: TSESTree.Node, value: TSESTree.Node): boolean;
  /** Whether the row `query` returns is checked against the caller after it is loaded, in `fn`. */
  rowCheckedAfter(query: TSESTree.Node, fn: TSESTree.Node | null): boolean;
}

/** A value as the code names it: the variable at its root and the static member path below it. */
interface ValueRef {
  readonly variable: TSESLint.Scope.Variable | null;
  readonly name: string;
  readonly path: readonly string[];
}

const { DefinitionType } = TSESLint.Scope;
const EQUALITY = new Set(['===', '!==', '==', '!=']);
/** The nodes the ties read: calls and comparisons (checks), declarators and assignments (a row's values). */
const TIE_NODE_TYPES: ReadonlySet<string> = new Set([AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.BinaryExpression, AST_NODE_TYPES.VariableDeclarator, AST_NODE_TYPES.AssignmentExpression]);
/** A row's tenant or owner key: `teamId`, `organization_id`, `userId`, `ownerId`. */
const TENANT_OR_OWNER_KEY = /^(?:tenant|org|organi[sz]ation|workspace|team|account|owner|user|author|creator|member|project)_?id$/iu;
/**
 * A call that checks the caller may use a value: `assertCanAccess(id)`, `requireMember(teamId)`,
 * `verifyUserHasAccessToInvoice(id)`, `getAuthorizedOrganizationAdminMembership(...)`.
 */
export const ACCESS_CHECK = /^(?:assert|ensure|verify|check|require|authori[sz]e|can|guard|enforce)\w*|access|permission|member|owner/iu;
/** Helpers whose tested result says whether the caller may act: `const auth = await getAuthenticatedAdmin(teamId); if (!auth) return`. */
const GUARDED_ACCESS = /auth|admin|role|allowed|permitted/iu;
/** ORM calls that write: they change rows, they do not check anything. */
const WRITES = /^(?:create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|insert|insertInto|updateTable|deleteFrom|values|set|returning|execute)$/u;
/** Helpers called for their check, whose result is discarded or tested: `await getDocumentWithTeamAndUser({ docId, userId })`. */
const GUARD_NAME = /^(?:get|fetch|find|load|assert|ensure|verify|check|require|authori[sz]e|validate|guard|enforce|can|is|has)/iu;
/** Array methods whose callback tests the elements: `users.some((user) => user.userId === me)`. */
const ELEMENT_METHODS = /^(?:some|every|find|findIndex|findLast|filter)$/u;
/** Keys that select a row or its parent: `id`, `dataroomId`, `link_id`. */
export const ID_KEY = /^id$|Id$|_id$/u;

export function createTies(facts: FileFacts, scopedQueries: readonly ScopedQuery[], isTenantKey: (key: string) => boolean): Ties {
  const { sourceCode } = facts;
  const refs = new WeakMap<TSESTree.Node, ValueRef | null>();
  const chosen = new WeakMap<ScopedQuery, boolean>();
  const tieNodes = new WeakMap<TSESTree.Node, readonly TSESTree.Node[]>();

  return { tiedEarlier: (fn, query, value) => tiedEarlier(fn, query, value, 0), rowCheckedAfter, tiedAfter, onlyTestedForExistence, clientChosenTenant: (scoped) => clientChosenTenant(scoped, 0) };

  function tiedAfter(fn: TSESTree.Node, query: TSESTree.Node, value: TSESTree.Node): boolean {
    const target = refOf(value);
    if (!target) return false;
    // Only what lies after the query can be the comparison.
    for (const candidate of nodesOf(fn)) {
      if (candidate.range[0] < query.range[1] || candidate.type !== AST_NODE_TYPES.BinaryExpression || !EQUALITY.has(candidate.operator)) continue;
      if ([candidate.left, candidate.right].some((side, index) => tenantKeyOfRowLoadedWith(side, target, index === 0 ? candidate.right : candidate.left, query))) return true;
    }
    return false;
  }

  /**
   * The calls, comparisons, declarators and assignments of a function (nested functions included),
   * in the order `walk` visits them: one walk per function, where each question (a value tied
   * before a query, a row checked after it) used to walk the function again. A node visited by a
   * walk that skips subtrees outside a stretch of the source is one of these inside that stretch.
   */
  function nodesOf(fn: TSESTree.Node): readonly TSESTree.Node[] {
    let list = tieNodes.get(fn);
    if (!list) {
      list = descendants(fn).filter((node) => TIE_NODE_TYPES.has(node.type));
      tieNodes.set(fn, list);
    }
    return list;
  }

  /**
   * `const existing = await db.query.x.findFirst(...); if (existing) throw ...`: the row is only
   * tested, never read (a uniqueness check before a create), so at most its existence leaks.
   */
  function onlyTestedForExistence(query: TSESTree.Node): boolean {
    const declarator = declaratorOf(query);
    if (!declarator) return false;
    const variables = patternNames(declarator.id).map(([identifier]) => variableOf(identifier));
    let tests = 0;
    for (const variable of variables) {
      if (!variable) return false;
      for (const reference of variable.references) {
        if (reference.init) continue;
        if (!existenceTest(reference.identifier)) return false;
        tests++;
      }
    }
    return tests > 0;
  }

  function clientChosenTenant(scoped: ScopedQuery, depth: number): boolean {
    if (!scoped.tenantValues || !scoped.fn) return false;
    const cached = chosen.get(scoped);
    if (cached !== undefined) return cached;
    const fn = scoped.fn;
    // A query that also carries the caller (`members WHERE org_id = $1 AND user_id = session.user.id`) is the check itself.
    const answer = !queryValueLeaves(queryNodeOf(scoped.node)).some((leaf) => sourceOf(leaf, facts).kind === 'session') && scoped.tenantValues.some((value) => sourceOf(value, facts).kind === 'request' && (depth > 2 || !tiedEarlier(fn, scoped.node, value, depth + 1)));
    chosen.set(scoped, answer);
    return answer;
  }

  function tiedEarlier(fn: TSESTree.Node, query: TSESTree.Node, value: TSESTree.Node, depth: number): boolean {
    const target = refOf(value);
    if (!target) return false;
    for (const scoped of scopedQueries) {
      if (scoped.fn !== fn || scoped.start >= query.range[0] || !mayRunBefore(scoped.node, query)) continue;
      if (clientChosenTenant(scoped, depth)) continue;
      if (queryValueLeaves(queryNodeOf(scoped.node)).some((leaf) => covers(refOf(leaf), target))) return true;
    }
    // Only what ends before the query can tie the value.
    for (const candidate of nodesOf(fn)) {
      if (candidate.range[1] > query.range[0]) continue;
      if ((candidate.type === AST_NODE_TYPES.CallExpression || candidate.type === AST_NODE_TYPES.BinaryExpression) && !mayRunBefore(candidate, query)) continue;
      let tied = false;
      if (candidate.type === AST_NODE_TYPES.CallExpression) {
        if (isWrite(candidate) || !candidate.arguments.some((argument) => uses(argument, target))) continue;
        const name = calleeName(candidate) ?? '';
        // An access check given the value, or a read given it together with the caller:
        // `getDocument({ docId, userId })`, `team.findUnique({ where: { id: teamId, users: { some: { userId } }, invoices: { some: { id } } } })`.
        tied =
          ACCESS_CHECK.test(name) ||
          (GUARDED_ACCESS.test(name) && guards(candidate)) ||
          queryValueLeaves(candidate).some((leaf) => sourceOf(leaf, facts).kind === 'session') ||
          // `team.findUnique({ where: { id: teamId }, include: { users: { where: { userId } } } })`, then `if (!team.users.length) return`.
          (guards(candidate) && queryValueLeaves(candidate, false).some((leaf) => sourceOf(leaf, facts).kind === 'session')) ||
          (guards(candidate) && underTenantPredicate(candidate, target, (tenant) => sourceOf(tenant, facts).kind !== 'request' || (depth < 2 && tiedEarlier(fn, candidate, tenant, depth + 1)))) ||
          rowOfCall(candidate, query);
      } else if (candidate.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(candidate.operator)) {
        // const pet = await getPet(id); if (pet.userId !== session.user.id) return …: the row loaded by
        // the same value was checked against the caller before this query.
        tied = [candidate.left, candidate.right].some((side, index) => tenantKeyOfRowLoadedWith(side, target, index === 0 ? candidate.right : candidate.left));
      }
      if (tied) return true;
    }
    return false;
  }

  /** `const invitation = await findInvitation(id)`, then the row's tenant checked before `query`. */
  function rowOfCall(call: TSESTree.CallExpression, query: TSESTree.Node): boolean {
    const declarator = declaratorOf(call);
    return declarator !== null && rowChecked(declarator, call, query);
  }

  function rowCheckedAfter(query: TSESTree.Node, fn: TSESTree.Node | null): boolean {
    const declarator = fn ? declaratorOf(query) : null;
    return declarator !== null && rowChecked(declarator, query, null);
  }

  /**
   * The row a declarator holds, checked between `from` and `to`: its tenant or owner key compared,
   * the row or a value of it handed to an access check, or to a read that also carries the caller
   * (or looks up a membership) and whose result is discarded or tested. Values of the row are
   * followed through `const x = row.a.b`, `const { teamId } = row` and `teamId = row.teamId`.
   */
  function rowChecked(declarator: TSESTree.VariableDeclarator, load: TSESTree.Node, before: TSESTree.Node | null): boolean {
    const from = load.range[1];
    const to = before ? before.range[0] : Number.POSITIVE_INFINITY;
    const fn = enclosing(declarator);
    if (!fn) return false;
    const parts = rowParts(declarator, fn, from);
    if (parts.length === 0) return false;
    const partOf = (node: TSESTree.Node, depth = 0): { readonly path: readonly string[]; readonly start: number } | null => {
      const ref = refOf(node);
      if (!ref?.variable) return null;
      for (const part of parts) {
        if (part.variable === ref.variable && node.range[0] >= part.start) return { path: [...part.path, ...ref.path], start: part.start };
      }
      // `team.users.some((user) => user.userId === session.user.id)`: an element of a list of the row.
      const list = depth < 3 ? listOfElement(ref.variable) : null;
      const owner = list ? partOf(list, depth + 1) : null;
      return owner ? { path: [...owner.path, ...ref.path], start: owner.start } : null;
    };
    const isKey = (path: readonly string[]): boolean => TENANT_OR_OWNER_KEY.test(path.at(-1) ?? '');
    // Only what lies inside the stretch from `from` to `to`.
    for (const candidate of nodesOf(fn)) {
      if (candidate.range[0] < from || candidate.range[1] > to) continue;
      if (candidate.type !== AST_NODE_TYPES.BinaryExpression && candidate.type !== AST_NODE_TYPES.CallExpression) continue;
      if (!mayRunBefore(load, candidate) || (before && !mayRunBefore(candidate, before))) continue;
      if (candidate.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(candidate.operator)) {
        // `row.teamId !== session.teamId`, `apiKey.referenceId !== ctx.user.id`: the row's tenant or
        // owner, or any of its values compared with the caller's identity.
        const compared = [candidate.left, candidate.right].some((side, index) => {
          const part = partOf(unwrap(side));
          const other = index === 0 ? candidate.right : candidate.left;
          return part !== null && (isKey(part.path) || sourceOf(other, facts).kind === 'session');
        });
        if (compared) return true;
        continue;
      }
      if (candidate.type !== AST_NODE_TYPES.CallExpression || isWrite(candidate)) continue;
      const used = maximalValues(candidate.arguments).map(partOf).filter((part) => part !== null);
      if (used.length === 0) continue;
      const name = calleeName(candidate) ?? '';
      if (ACCESS_CHECK.test(name)) return true;
      if (!guards(candidate)) continue;
      const withCaller = queryValueLeaves(candidate, false).some((leaf) => partOf(leaf) === null && sourceOf(leaf, facts).kind === 'session');
      if ((withCaller && GUARD_NAME.test(name)) || (withCaller && isRead(candidate)) || (membershipRead(candidate) && used.some((part) => isKey(part.path)))) return true;
    }
    return false;
  }

  /** The list whose elements an array callback's parameter receives: `list` of `list.some((x) => ...)`. */
  function listOfElement(variable: TSESLint.Scope.Variable): TSESTree.Node | null {
    const [definition] = variable.defs;
    if (definition?.type !== DefinitionType.Parameter) return null;
    const fn = definition.node;
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === fn)) return null;
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_METHODS.test(staticKeyName(callee) ?? '') ? callee.object : null;
  }

  /** The row itself and the values taken from it, each with the variable that holds it from where on. */
  function rowParts(declarator: TSESTree.VariableDeclarator, fn: TSESTree.Node, from: number): { variable: TSESLint.Scope.Variable; path: string[]; start: number }[] {
    const parts: { variable: TSESLint.Scope.Variable; path: string[]; start: number }[] = [];
    for (const [identifier, path] of patternNames(declarator.id)) {
      const variable = variableOf(identifier);
      if (variable) parts.push({ variable, path, start: from });
    }
    const rowVariables = new Set(parts.map((part) => part.variable));
    if (rowVariables.size === 0) return parts;
    for (const node of nodesOf(fn)) {
      if (node.range[0] < from) continue;
      let source: TSESTree.Node | null = null;
      let target: TSESTree.Node | null = null;
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
        source = node.init;
        target = node.id;
      } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
        source = node.right;
        target = node.left;
      }
      if (!source || !target) continue;
      const ref = refOf(source);
      const row = ref?.variable && rowVariables.has(ref.variable) ? parts.find((part) => part.variable === ref.variable) : undefined;
      if (!ref || !row) continue;
      for (const [identifier, path] of patternNames(target)) {
        const variable = variableOf(identifier);
        if (variable && !rowVariables.has(variable)) parts.push({ variable, path: [...row.path, ...ref.path, ...path], start: node.range[1] });
      }
    }
    return parts;
  }

  /** `pet.userId` (or any value of `pet` compared with the caller) where `pet` was loaded by a call given the same value (`getPetById(id)`). */
  function tenantKeyOfRowLoadedWith(side: TSESTree.Node, target: ValueRef, other: TSESTree.Node, except: TSESTree.Node | null = null): boolean {
    const member = unwrap(side);
    if (member.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (!TENANT_OR_OWNER_KEY.test(staticKeyName(member) ?? '') && sourceOf(other, facts).kind !== 'session') return false;
    // `step.workflow.teamId`: the row is the root of the chain.
    let object = unwrap(member.object);
    while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrap(object.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const definition = facts.constants.definitionOf(object);
    if (definition?.type !== AST_NODE_TYPES.VariableDeclarator || !definition.init) return false;
    let init = unwrap(definition.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    // `getPet(id)`, `` sql`... WHERE id = ${id}` ``, `db('pets').where({ id }).first()`.
    if (init === except || (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.TaggedTemplateExpression)) return false;
    return uses(init, target);
  }

  /**
   * `dataroomDocument.findFirst({ where: { dataroomId, document: { id: documentId, teamId } } })`:
   * the value filtered in the same object as a tenant key (or in an object around it), outside `OR`/`NOT`.
   */
  function underTenantPredicate(call: TSESTree.CallExpression, target: ValueRef, callersTenant: (tenant: TSESTree.Node) => boolean): boolean {
    const where = whereOf(call);
    return where !== null && holdsUnderTenant(where, target, false, 0, callersTenant);
  }

  /** (`callersTenant`: a tenant value the client chose, `teamId: req.query.teamId` with nothing checking it, ties nothing.) */
  function holdsUnderTenant(node: TSESTree.Node, target: ValueRef, tenantAbove: boolean, depth: number, callersTenant: (tenant: TSESTree.Node) => boolean): boolean {
    const object = unwrap(node);
    if (depth > 4 || object.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const tenantHere =
      tenantAbove ||
      object.properties.some((property) => property.type === AST_NODE_TYPES.Property && isTenantKey(staticKeyName(property) ?? '') && !isUndefined(property.value) && callersTenant(property.value));
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property);
      if (key === null || key === 'OR' || key === 'NOT') continue;
      const value = unwrap(property.value);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        if (holdsUnderTenant(value, target, tenantHere, depth + 1, callersTenant)) return true;
      } else if (tenantHere && covers(refOf(value), target)) {
        return true;
      }
    }
    return false;
  }

  /** A read whose result is discarded (it throws on failure) or tested (`if (!membership) return`). */
  function guards(call: TSESTree.CallExpression): boolean {
    let holder: TSESTree.Node = call;
    while (holder.parent.type === AST_NODE_TYPES.AwaitExpression || holder.parent.type === AST_NODE_TYPES.TSAsExpression || holder.parent.type === AST_NODE_TYPES.TSNonNullExpression || holder.parent.type === AST_NODE_TYPES.ChainExpression) holder = holder.parent;
    const parent = holder.parent;
    // Discarded: a helper that throws. An ORM read does not throw for a missing row, unless told to.
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return !ormRead(call) || (calleeName(call) ?? '').endsWith('OrThrow');
    if (inTest(holder)) return true;
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator) return false;
    return patternNames(parent.id).some(([identifier]) => tested(variableOf(identifier), 0));
  }

  /** A variable read in a condition, directly or through one variable derived from it (`const ok = team.users.some(...)`). */
  function tested(variable: TSESLint.Scope.Variable | null, depth: number): boolean {
    if (!variable) return false;
    for (const reference of variable.references) {
      if (reference.init || reference.isWrite()) continue;
      if (inTest(reference.identifier)) return true;
      if (depth === 0) {
        for (let current: TSESTree.Node | undefined = reference.identifier.parent; current; current = current.parent) {
          if (current.type === AST_NODE_TYPES.VariableDeclarator) {
            if (patternNames(current.id).some(([identifier]) => tested(variableOf(identifier), depth + 1))) return true;
            break;
          }
          if (current.type.endsWith('Statement') || current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionExpression) break;
        }
      }
    }
    return false;
  }

  function refOf(node: TSESTree.Node): ValueRef | null {
    const target = unwrap(node);
    if (refs.has(target)) return refs.get(target) ?? null;
    const ref = canonical(directRef(target), 0);
    refs.set(target, ref);
    return ref;
  }

  /** Follows `const a = b.c` and `const { c: a } = b` to the value they name. */
  function canonical(ref: ValueRef | null, depth: number): ValueRef | null {
    if (!ref?.variable || depth > 6) return ref;
    const [definition] = ref.variable.defs;
    if (ref.variable.defs.length !== 1 || definition?.type !== DefinitionType.Variable || definition.parent.kind !== 'const' || !definition.node.init) return ref;
    let init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    if (init.type !== AST_NODE_TYPES.Identifier && init.type !== AST_NODE_TYPES.MemberExpression) return ref;
    const base = directRef(init);
    const inner = patternNames(definition.node.id).find(([identifier]) => identifier.name === ref.name)?.[1];
    if (!base || !inner) return ref;
    return canonical({ variable: base.variable, name: base.name, path: [...base.path, ...inner, ...ref.path] }, depth + 1);
  }

  function directRef(node: TSESTree.Node): ValueRef | null {
    const chain = memberPath(node);
    return chain?.root.type === AST_NODE_TYPES.Identifier ? { variable: variableOf(chain.root), name: chain.root.name, path: chain.path } : null;
  }

  function variableOf(identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return scopeVariable(sourceCode, identifier);
  }

  /** Whether a value expression under `argument` names `target`, or an object holding it (`check(params)` for `params.id`). */
  function uses(argument: TSESTree.Node, target: ValueRef): boolean {
    return maximalValues([argument]).some((node) => covers(refOf(node), target));
  }
}

/**
 * Whether `leaf` is `target`, or the object `target` is a property of (`check(params)` for
 * `params.id`); not an object further up (`getServerSession(req)` does not check `req.body.id`).
 */
function covers(leaf: ValueRef | null, target: ValueRef): boolean {
  if (!leaf) return false;
  const same = leaf.variable && target.variable ? leaf.variable === target.variable : leaf.name === target.name;
  return same && leaf.path.length <= target.path.length && target.path.length - leaf.path.length <= 1 && leaf.path.every((key, index) => target.path[index] === key);
}

/** The identifiers and member chains under `roots`, whole: `a.b.c` once, not `a` and `a.b` again; not keys. */
function maximalValues(roots: readonly TSESTree.Node[]): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const root of roots) {
    walk(root, (node) => {
      if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return;
      let parent = node.parent;
      let child: TSESTree.Node = node;
      while (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression) {
        child = parent;
        parent = parent.parent;
      }
      if (parent.type === AST_NODE_TYPES.MemberExpression && (parent.object === child || (parent.property === child && !parent.computed))) return;
      if (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.shorthand) return;
      found.push(node);
    });
  }
  return found;
}

function isWrite(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = call;
  for (let hops = 0; hops < 10 && current.type === AST_NODE_TYPES.CallExpression; hops++) {
    const callee = unwrap(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (WRITES.test(staticKeyName(callee) ?? '')) return true;
    current = unwrap(callee.object);
  }
  return false;
}

/** A Prisma-style read: `x.findFirst(...)`, `x.findUnique(...)`, `x.count(...)`. */
function isRead(call: TSESTree.CallExpression): boolean {
  return /^(?:find\w*|count|aggregate|groupBy|select|selectFrom|get|first)$/u.test(calleeName(call) ?? '');
}

/** `prisma.userTeam.findUnique(...)`: a read of a model of a client. */
function ormRead(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return isRead(call) && callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.MemberExpression;
}

/** `prisma.userTeam.findUnique(...)`, `db.member.findFirst(...)`: a read of a membership table. */
function membershipRead(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (!ormRead(call) || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const model = unwrap(callee.object);
  return model.type === AST_NODE_TYPES.MemberExpression && MEMBERSHIP_TABLE.test(staticKeyName(model) ?? '');
}

function whereOf(call: TSESTree.CallExpression): TSESTree.Node | null {
  const [first] = call.arguments;
  const object = first ? unwrap(first) : null;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property) === 'where') return property.value;
  }
  return null;
}

function isUndefined(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined';
}

/** Whether a node sits in the condition of an `if`, a ternary or a `&&`/`||` test, or under `!`. */
function inTest(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === child) return true;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
    if (
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      parent.type === AST_NODE_TYPES.BinaryExpression ||
      parent.type === AST_NODE_TYPES.MemberExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.CallExpression
    ) {
      continue;
    }
    return false;
  }
  return false;
}

/**
 * `if (existing) throw ...`: the row tested for existence, and the handler stops when it exists.
 * (`if (!row) return 404` is not one: there the handler goes on to act on the id it found.)
 */
function existenceTest(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  if (parent.type !== AST_NODE_TYPES.IfStatement || parent.test !== identifier) return false;
  return exits(parent.consequent);
}

/** The declarator a query's result is assigned to: `const row = await prisma.x.findUnique(...)`. */
function declaratorOf(query: TSESTree.Node): TSESTree.VariableDeclarator | null {
  let holder: TSESTree.Node = query;
  for (let hops = 0; hops < 16 && holder.parent; hops++) {
    const parent: TSESTree.Node = holder.parent;
    if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) holder = parent;
    // The rest of a builder chain: `db('invoices').where({ id }).first()`, `db.select().from(t).where(...)`.
    else if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === holder && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) holder = parent.parent;
    else break;
  }
  return holder.parent?.type === AST_NODE_TYPES.VariableDeclarator && holder.parent.init === holder ? holder.parent : null;
}

function enclosing(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) return current;
  }
  return null;
}

/** The names a pattern binds, with their path in the value: `{ a: { b: x } }` → [[x, ['a', 'b']]]. */
function patternNames(pattern: TSESTree.Node): [TSESTree.Identifier, string[]][] {
  const target = pattern.type === AST_NODE_TYPES.AssignmentPattern ? pattern.left : pattern;
  if (target.type === AST_NODE_TYPES.Identifier) return [[target, []]];
  if (target.type === AST_NODE_TYPES.ArrayPattern) {
    // `const [row] = await db.select()...`: the first row; a row's values are read from it as from an object.
    return target.elements.flatMap((element) => (element ? patternNames(element) : []));
  }
  if (target.type !== AST_NODE_TYPES.ObjectPattern) return [];
  const names: [TSESTree.Identifier, string[]][] = [];
  for (const property of target.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = staticKeyName(property);
    if (key === null) continue;
    for (const [identifier, path] of patternNames(property.value)) names.push([identifier, [key, ...path]]);
  }
  return names;
}

/** The call (or tagged template) a finding's node belongs to: raw SQL findings sit on the query text. */
export function queryNodeOf(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node | undefined = node;
  for (let hops = 0; hops < 4 && current; hops++) {
    if (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.TaggedTemplateExpression) return current;
    current = current.parent;
  }
  return node;
}
