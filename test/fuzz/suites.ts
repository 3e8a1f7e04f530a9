// The four fuzz suites: layouts, #if expressions, typed constants, macro expansion.

import type { FuzzSuite } from './run.js';
import { generateCase } from './layout-generate.js';
import { caseText, judgeCases } from './layout-check.js';
import { layoutShrinker } from './layout-shrink.js';
import type { LayoutCase } from './layout-case.js';
import { generateIfCase, ifCaseSummary, ifShrinker, judgeIfCases, type IfCase } from './if-check.js';
import { generateTypedCase, judgeTypedCases, typedCaseText, typedPreamble, typedShrinker, type TypedCase } from './typed-check.js';
import { generateExpandCase } from './expand-generate.js';
import { expandCaseText, type ExpandCase } from './expand-case.js';
import { expandShrinker, judgeExpandCases } from './expand-check.js';

export const layoutSuite: FuzzSuite<LayoutCase> = {
  name: 'layout',
  batchSize: 400,
  generate: generateCase,
  judge: async (cases, dir) => ({ verdicts: await judgeCases(cases, dir) }),
  shrinker: layoutShrinker,
  text: caseText,
};

export const ifSuite: FuzzSuite<IfCase> = {
  name: 'if',
  // each case is 66 #if tests
  batchSize: 150,
  generate: generateIfCase,
  judge: async (cases, dir) => {
    const { verdicts, modelDisagrees } = await judgeIfCases(cases, dir);
    return { verdicts, notes: { modelDisagrees } };
  },
  shrinker: ifShrinker,
  text: ifCaseSummary,
};

export const typedSuite: FuzzSuite<TypedCase> = {
  name: 'typed',
  batchSize: 500,
  generate: generateTypedCase,
  judge: async (cases, dir) => ({ verdicts: await judgeTypedCases(cases, dir) }),
  shrinker: typedShrinker,
  text: (c) => typedPreamble + typedCaseText(c),
};

export const expandSuite: FuzzSuite<ExpandCase> = {
  name: 'expand',
  batchSize: 500,
  generate: generateExpandCase,
  judge: async (cases, dir) => {
    const { verdicts, bothReject } = await judgeExpandCases(cases, dir);
    return { verdicts, notes: { bothReject } };
  },
  shrinker: expandShrinker,
  text: expandCaseText,
};
