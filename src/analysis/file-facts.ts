import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { ConstantResolver } from './constants.js';
import { HandlerIndex } from './handlers.js';
import { ImportIndex } from './imports.js';
import { createTypeBridge, type TypeBridge } from './types.js';

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

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly filename: string,
  ) {}

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

  /** A `'use client'` module runs in the browser (React Server Components convention). */
  get isClientModule(): boolean {
    return this.directives.has('use client');
  }
}

const cache = new WeakMap<TSESTree.Program, FileFacts>();

/** The facts of a file if a rule has computed them, without computing them (for tests). */
export function peekFileFacts(program: TSESTree.Program): FileFacts | undefined {
  return cache.get(program);
}

export function getFileFacts(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileFacts {
  const { sourceCode } = context;
  let facts = cache.get(sourceCode.ast);
  if (!facts) {
    facts = new FileFacts(sourceCode, context.filename);
    cache.set(sourceCode.ast, facts);
  }
  return facts;
}
