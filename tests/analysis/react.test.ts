import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { enclosingReactFunction, isHookName, reactFunctionName, reactRole } from '../../src/analysis/react.js';
import { analyse } from './harness.js';

function roleOf(code: string, prefix: string, tier: 'espree' | 'typescript' = 'typescript'): ReturnType<typeof reactRole> {
  return analyse(code, (probe) => reactRole(probe.fn(prefix)), { tier, filename: tier === 'espree' ? 'component.jsx' : 'component.tsx' });
}

describe('reactRole', () => {
  it('names components by PascalCase and hooks by use + capital, in every declaration form', () => {
    expect(roleOf('export function Projects() { return <ul />; }', 'function Projects')).toBe('component');
    expect(roleOf('const Projects = () => <ul />;', '() => <ul />')).toBe('component');
    expect(roleOf('const Projects = function () { return null; };', 'function ()')).toBe('component');
    expect(roleOf('function useProjects() { return 1; }', 'function useProjects')).toBe('hook');
    expect(roleOf('const use2FA = () => 1;', '() => 1')).toBe('hook');
    expect(roleOf('export default function () { return <main />; }', 'function ()')).toBe('component');
    expect(roleOf('export default () => <main />;', '() => <main />')).toBe('component');
  });

  it('sees through memo, forwardRef and observer wrappers', () => {
    expect(roleOf('const Row = memo(function Row() { return <tr />; });', 'function Row')).toBe('component');
    expect(roleOf('const Input = React.forwardRef((props, ref) => <input ref={ref} />);', '(props, ref)')).toBe('component');
    expect(roleOf('export const Card = observer(memo(() => <div />));', '() => <div />')).toBe('component');
  });

  it('answers null for ordinary functions, callbacks and non-wrapper calls', () => {
    expect(roleOf('function loadProjects() { return fetch("/p"); }', 'function loadProjects')).toBeNull();
    expect(roleOf('function user() { return 1; }', 'function user')).toBeNull();
    expect(roleOf('items.map((item) => <li>{item}</li>);', '(item)')).toBeNull();
    expect(roleOf('const Thing = compute(() => 1);', '() => 1')).toBeNull();
    expect(roleOf('const useless = () => 1;', '() => 1')).toBeNull();
  });

  it('works on plain JavaScript (espree)', () => {
    expect(roleOf('export function Projects() { return <ul />; }', 'function Projects', 'espree')).toBe('component');
    expect(roleOf('module.exports.useThing = function () { return 1; };', 'function ()', 'espree')).toBe('hook');
  });
});

describe('reactFunctionName', () => {
  it('reads assignment and property names', () => {
    expect(analyse('exports.Projects = () => null;', (probe) => reactFunctionName(probe.fn('() => null')))).toBe('Projects');
    expect(analyse('const hooks = { useThing: () => 1 };', (probe) => reactFunctionName(probe.fn('() => 1')))).toBe('useThing');
  });
});

describe('enclosingReactFunction', () => {
  it('is the component whose body holds the node directly, not through a callback', () => {
    const code = 'export function Projects() { const q = target(); items.forEach(() => target()); return q; }';
    const answers = analyse(code, (probe) => {
      const calls = probe.all().filter((node) => node.type === AST_NODE_TYPES.CallExpression && probe.sourceCode.getText(node) === 'target()');
      return calls.map((call) => enclosingReactFunction(call)?.role ?? null);
    });
    expect(answers).toEqual(['component', null]);
  });

  it('is null at module level', () => {
    expect(analyse('const q = target();', (probe) => enclosingReactFunction(probe.identifier('target')))).toBeNull();
  });
});

describe('isHookName', () => {
  it('follows React’s naming rule', () => {
    expect(isHookName('useQuery')).toBe(true);
    expect(isHookName('use2FA')).toBe(true);
    expect(isHookName('user')).toBe(false);
    expect(isHookName('use')).toBe(false);
    expect(isHookName('usefulThing')).toBe(false);
  });
});
