import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { ConstantResolver } from './constants.js';
import { type FileRoleFacts, lintsRole, roleFromImports, roleWithoutImports } from './file-role.js';
import { HandlerIndex } from './handlers.js';
import { ImportIndex } from './imports.js';
import { productionReadySettings } from './settings.js';
import { type RoleSettings, validateSettings } from './settings-schema.js';
import { createTypeBridge, type TypeBridge } from './types.js';
import { contextProperty } from '../util/context-property.js';

/**
 * The per-file facts every rule shares. Each is computed on first use and cached on the file's
 * `Program` node, so a second rule (or a second question) on the same file pays nothing.
 */
export class FileFacts {
  private importsValue: ImportIndex | undefined;
  private constantsValue: ConstantResolver | undefined;
  private handlersValue: HandlerIndex | undefined;
  private typesValue: TypeBridge | null | undefined;
  private directivesValue: ReadonlySet<string> | undefined;
  private typesRequestedValue = false;
  private roleValue: FileRoleFacts | undefined;
  private roleBeforeImportsValue: FileRoleFacts | null | undefined;
  private roleSettingsValue: RoleSettings | null | undefined;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly filename: string,
    /** ESLint's working directory: file-role paths are relative to it. */
    readonly cwd?: string,
    /** `settings['production-ready']`, validated (throws on a bad key). */
    readonly settings: Readonly<Record<string, unknown>> = {},
  ) {}

  private get roleSettings(): RoleSettings | null {
    if (this.roleSettingsValue === undefined) {
      this.roleSettingsValue = hasKeys(this.settings) ? validateSettings(this.settings) : null;
    }
    return this.roleSettingsValue;
  }

  /** What the file is for: production code, or a test, mock, fixture, seed, migration, script, story or generated file. */
  get role(): FileRoleFacts {
    this.roleValue ??= this.roleBeforeImports ?? roleFromImports(this.imports);
    return this.roleValue;
  }

  /** The role when settings, a banner or the path decide it; null when it takes the imports. */
  private get roleBeforeImports(): FileRoleFacts | null {
    if (this.roleBeforeImportsValue === undefined) {
      this.roleBeforeImportsValue = roleWithoutImports({
        filename: this.filename,
        cwd: this.cwd,
        program: this.program,
        text: this.sourceCode.text,
        settings: this.roleSettings,
      });
    }
    return this.roleBeforeImportsValue;
  }

  /**
   * Whether the file is certainly outside what the rules lint, known without reading its imports
   * (a test or story by its path, generated code by its banner): rules ask this before their text
   * signals. False does not mean the file is linted: `servesProduction` decides that.
   */
  get skippedByPath(): boolean {
    const early = this.roleBeforeImports;
    return early !== null && !lintsRole(early.role, this.roleSettings);
  }

  /**
   * Whether the rules lint this file: production code always; other roles only when
   * `settings['production-ready'].lintFileRoles` lists them.
   */
  get servesProduction(): boolean {
    return lintsRole(this.role.role, this.roleSettings);
  }

  get program(): TSESTree.Program {
    return this.sourceCode.ast;
  }

  get imports(): ImportIndex {
    this.importsValue ??= new ImportIndex(this.program, this.sourceCode);
    return this.importsValue;
  }

  get constants(): ConstantResolver {
    this.constantsValue ??= new ConstantResolver(this.sourceCode, this.filename, this.imports, () => this.types);
    return this.constantsValue;
  }

  get handlers(): HandlerIndex {
    this.handlersValue ??= new HandlerIndex(this.filename, this.imports, this.constants, () => this.types);
    return this.handlersValue;
  }

  /** The type bridge when the file was parsed with type information; null otherwise. */
  get types(): TypeBridge | null {
    this.typesRequestedValue = true;
    if (this.typesValue === undefined) this.typesValue = createTypeBridge(this.sourceCode);
    return this.typesValue;
  }

  /** Whether anything asked for type information: cheaper evidence should usually decide first. */
  get typesRequested(): boolean {
    return this.typesRequestedValue;
  }

  /** The module's directive prologue: `'use client'`, `'use server'`, `'use strict'`. */
  get directives(): ReadonlySet<string> {
    if (!this.directivesValue) {
      const directives = new Set<string>();
      for (const statement of this.program.body) {
        if (
          statement.type !== AST_NODE_TYPES.ExpressionStatement ||
          statement.expression.type !== AST_NODE_TYPES.Literal ||
          typeof statement.expression.value !== 'string'
        ) {
          break;
        }
        directives.add(statement.expression.value);
      }
      this.directivesValue = directives;
    }
    return this.directivesValue;
  }

  /**
   * The facts computed so far, by name (`role`, `imports`, `constants`, `handlers`, `types`,
   * `directives`), for count-based tests. The path role rules ask first (`skippedByPath`) is not
   * listed: it costs a few microseconds and reads nothing but the path and the leading comments.
   */
  get computed(): readonly string[] {
    const names: string[] = [];
    if (this.roleValue !== undefined) names.push('role');
    if (this.importsValue !== undefined) names.push('imports');
    if (this.constantsValue !== undefined) names.push('constants');
    if (this.handlersValue !== undefined) names.push('handlers');
    if (this.typesValue !== undefined) names.push('types');
    if (this.directivesValue !== undefined) names.push('directives');
    return names;
  }

  /** A `'use client'` module runs in the browser (React Server Components convention). */
  get isClientModule(): boolean {
    return this.directives.has('use client');
  }
}

/** Whether an object has an own enumerable key, without listing them all (asked for every file). */
function hasKeys(value: Readonly<Record<string, unknown>>): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

const cache = new WeakMap<TSESTree.Program, FileFacts>();

/** The facts of a file if a rule has computed them, without computing them (for tests). */
export function peekFileFacts(program: TSESTree.Program): FileFacts | undefined {
  return cache.get(program);
}

/** The names of the facts computed for a file, none when no rule asked (for tests). */
export function computedFileFacts(program: TSESTree.Program): readonly string[] {
  return cache.get(program)?.computed ?? [];
}

export function getFileFacts(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileFacts {
  // Read once per rule and file: not `context.sourceCode` (see `contextProperty`).
  const sourceCode = contextProperty(context, 'sourceCode');
  let facts = cache.get(sourceCode.ast);
  if (!facts) {
    facts = new FileFacts(sourceCode, contextProperty(context, 'filename'), contextProperty(context, 'cwd'), productionReadySettings(context));
    cache.set(sourceCode.ast, facts);
  }
  return facts;
}
