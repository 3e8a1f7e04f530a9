// The gcc oracle for the test suite: layouts, constants and an inventory of the Python headers,
// computed by gcc from names alone, independent of gen-inc's pipeline.
export { type OracleInstall } from './gcc.js';
export { gccLayouts, type BitfieldPlace, type GccLayout, type LayoutQuery } from './layouts.js';
export { gccConstants, type GccConstant } from './constants.js';
export { gccInventory, type Inventory, type InventoryRecord } from './inventory.js';
export { describeInstall, findPythons, printPythons, type PythonSelection } from './pythons.js';
export { gccExpansions } from './expansions.js';
