// Reference counting as NASM macros — Py_INCREF, Py_DECREF, Py_XINCREF, Py_XDECREF and
// Py_RETURN_NONE — written the way the headers of this very Python count, read from what they
// define (never from a version number):
//   - a call to the exported Py_IncRef / Py_DecRef where an inline count would be wrong or is not
//     promised: Py_LIMITED_API (the stable ABI promises those functions, not the counting scheme of
//     every version from N up), Py_GIL_DISABLED (biased counts owned by threads), Py_REF_DEBUG (the
//     interpreter's total must move with every count);
//   - otherwise inline on PyObject.ob_refcnt at its generated offset: the 32-bit saturating
//     increment and the sign test of the low half where the headers define _Py_IMMORTAL_REFCNT as
//     all 32 low bits, a plain 64-bit count where they do not;
//   - a count that reaches zero deallocates the way the headers' Py_DECREF does: through the type's
//     tp_dealloc where their _Py_Dealloc macro reads it, else by calling the exported _Py_Dealloc.
// Every macro keeps every general-purpose register but the flags, and needs no stack alignment:
// a call is made from a frame of its own, below the red zone.

import type { AbiFlavour, Diagnostic, IdiomModel, MacroDefinition, Origin, StructModel } from '../types.js';
import type { EvalResult } from '../cexpr/index.js';
import { diagnostic } from '../diagnostics.js';

export interface RefcountContext {
  macros: ReadonlyMap<string, MacroDefinition>;
  structByName(name: string): StructModel | undefined;
  /** the value of an integer constant of the include */
  constant(name: string): bigint | undefined;
  /** a function the headers declare with external linkage */
  isFunction(name: string): boolean;
  expand(text: string): string[];
  evaluate(tokens: readonly string[]): EvalResult;
  /** 'object.h:91' for a header position */
  where(origin: Origin | undefined): string;
}

/** How counts move: by calling libpython, or in place. */
type Scheme =
  | { kind: 'call'; because: string }
  | { kind: 'inline'; refcnt: string; immortal?: { lowHalf: string; because: string }; dealloc: Dealloc };

type Dealloc = { kind: 'type-slot'; because: string } | { kind: 'function'; name: string };

/** Macros whose presence makes the headers count through functions, and why each does. */
const callingMacros: [string, string][] = [
  ['Py_LIMITED_API', 'the stable ABI promises Py_IncRef and Py_DecRef, not the counting of every version it serves'],
  ['Py_GIL_DISABLED', 'free-threaded objects keep biased counts owned by threads'],
  ['Py_REF_DEBUG', "a debug interpreter's total reference count must move with every count"],
];

/** The flavour the headers were read for, from their final macro table. */
export function abiFlavour(ctx: Pick<RefcountContext, 'macros' | 'evaluate'>): AbiFlavour {
  const has = (name: string) => ctx.macros.has(name);
  const flavour: AbiFlavour = { debug: has('Py_DEBUG'), refDebug: has('Py_REF_DEBUG'), traceRefs: has('Py_TRACE_REFS'), freeThreaded: has('Py_GIL_DISABLED') };
  const limited = ctx.macros.get('Py_LIMITED_API');
  if (limited) {
    const value = ctx.evaluate(limited.expansion ?? limited.body.split(' '));
    flavour.limitedApi = value.ok ? Number(value.value.value) : 0;
  }
  return flavour;
}

/** `%define Py_LIMITED_API 0x03060000` and the like, so that a module can say `%ifdef Py_GIL_DISABLED`. */
export function flavourIdioms(macros: ReadonlyMap<string, MacroDefinition>): IdiomModel[] {
  const out: IdiomModel[] = [];
  for (const name of ['Py_LIMITED_API', 'Py_DEBUG', 'Py_REF_DEBUG', 'Py_TRACE_REFS', 'Py_GIL_DISABLED']) {
    const m = macros.get(name);
    // A header's integer macro of that name is already one of the constants.
    if (!m || m.functionLike || (m.source === 'header' && m.body !== '')) continue;
    out.push({ name, comment: `${name} is defined (${m.source === 'header' ? 'by the headers' : 'before the headers'})`, lines: [`%define ${name} ${m.body}`.trimEnd()] });
  }
  return out;
}

export function buildRefcountIdioms(ctx: RefcountContext): { idioms: IdiomModel[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scheme = refcountScheme(ctx);
  if ('code' in scheme) return { idioms: [], diagnostics: [scheme] };
  const idioms = [...registerIdioms(), ...countIdioms(scheme)];
  const none = returnNoneIdiom(ctx);
  if ('code' in none) diagnostics.push(none);
  else idioms.push(none);
  return { idioms, diagnostics };
}

function refcountScheme(ctx: RefcountContext): Scheme | Diagnostic {
  for (const [macro, because] of callingMacros) {
    if (!ctx.macros.has(macro)) continue;
    if (!ctx.isFunction('Py_IncRef') || !ctx.isFunction('Py_DecRef')) return unavailable('Py_INCREF', 'the headers declare no Py_IncRef and Py_DecRef');
    return { kind: 'call', because: `${macro} is defined: ${because}` };
  }
  const object = ctx.structByName('PyObject');
  const refcnt = object?.members.find((m) => m.name === 'ob_refcnt');
  if (!object || !refcnt || refcnt.size !== 8) return unavailable('Py_INCREF', 'PyObject has no 64-bit ob_refcnt');
  const dealloc = deallocation(ctx);
  if ('code' in dealloc) return dealloc;
  const scheme: Scheme = { kind: 'inline', refcnt: 'PyObject.ob_refcnt', dealloc };
  const immortalMacro = ctx.macros.get('_Py_IMMORTAL_REFCNT');
  const immortal = ctx.constant('_Py_IMMORTAL_REFCNT');
  if (immortalMacro) {
    // Immortal objects carry all 32 low bits set: the headers add to the low half only and stop
    // there, and test its sign before they subtract (object.h explains the scheme).
    const split = object.members.find((m) => m.name === 'ob_refcnt_split');
    if (immortal !== 0xffffffffn || !split || split.offset !== refcnt.offset || split.size !== 8) {
      return unavailable('Py_INCREF', `_Py_IMMORTAL_REFCNT is ${immortal ?? 'not a constant'} and PyObject ${split ? 'has' : 'has no'} ob_refcnt_split: not the 64-bit scheme of all 32 low bits`);
    }
    const bigEndian = ctx.constant('PY_BIG_ENDIAN') ?? 0n;
    scheme.immortal = {
      lowHalf: bigEndian === 0n ? 'PyObject.ob_refcnt_split' : 'PyObject.ob_refcnt_split + 4',
      because: `_Py_IMMORTAL_REFCNT is 0xffffffff (${ctx.where(immortalMacro.origin)})`,
    };
  }
  return scheme;
}

function deallocation(ctx: RefcountContext): Dealloc | Diagnostic {
  const macro = ctx.macros.get('_Py_Dealloc');
  if (macro?.functionLike && ctx.expand('_Py_Dealloc(__gen_inc_object__)').includes('tp_dealloc')) {
    if (!ctx.structByName('PyTypeObject')?.members.some((m) => m.name === 'tp_dealloc')) return unavailable('Py_DECREF', 'PyTypeObject has no tp_dealloc');
    return { kind: 'type-slot', because: `calls the type's tp_dealloc, as the headers' _Py_Dealloc macro does (${ctx.where(macro.origin)})` };
  }
  if (ctx.isFunction('_Py_Dealloc')) return { kind: 'function', name: '_Py_Dealloc' };
  return unavailable('Py_DECREF', 'the headers neither declare _Py_Dealloc nor define it as a macro');
}

function unavailable(idiom: string, why: string): Diagnostic {
  return diagnostic('GI5003', [idiom, why], undefined, 'warning');
}

/** The frame every call of a macro is made from: general-purpose registers kept, stack aligned. */
function registerIdioms(): IdiomModel[] {
  const saved = ['rax', 'rcx', 'rdx', 'rsi', 'r8', 'r9', 'r10', 'r11'];
  return [
    {
      name: '__py_save_registers',
      comment: "for the macros below: rdi = %1 and the C ABI's scratch registers saved, below the red zone, rsp 16-byte aligned",
      lines: [
        '%macro __py_save_registers 1',
        '    lea  rsp, [rsp - 128]               ; step over the red zone a leaf function may use',
        '    push rdi',
        '    mov  rdi, %1',
        '    push rbp',
        '    mov  rbp, rsp',
        '    and  rsp, -16',
        ...saved.map((r) => `    push ${r}`),
        '%endmacro',
      ],
    },
    {
      name: '__py_restore_registers',
      comment: 'undoes __py_save_registers',
      lines: ['%macro __py_restore_registers 0', ...[...saved].reverse().map((r) => `    pop  ${r}`), '    mov  rsp, rbp', '    pop  rbp', '    pop  rdi', '    lea  rsp, [rsp + 128]', '%endmacro'],
    },
  ];
}

function callLines(target: string): string[] {
  return ['    __py_save_registers %1', `    call ${target} wrt ..plt`, '    __py_restore_registers'];
}

function countIdioms(scheme: Scheme): IdiomModel[] {
  const contract = 'keeps every general-purpose register, clobbers the flags, needs no stack alignment';
  let increment: string[];
  let decrement: string[];
  let how: string;
  if (scheme.kind === 'call') {
    how = `by calling libpython: ${scheme.because}`;
    increment = callLines('Py_IncRef');
    decrement = callLines('Py_DecRef');
  } else {
    const dealloc =
      scheme.dealloc.kind === 'function'
        ? callLines(scheme.dealloc.name)
        : ['    __py_save_registers %1', '    mov  rax, [rdi + PyObject.ob_type]', '    call [rax + PyTypeObject.tp_dealloc]', '    __py_restore_registers'];
    const deallocHow = scheme.dealloc.kind === 'function' ? `calls ${scheme.dealloc.name}()` : scheme.dealloc.because;
    if (scheme.immortal) {
      const low = scheme.immortal.lowHalf;
      how = `in place, immortal-aware: ${scheme.immortal.because}; at zero it ${deallocHow}`;
      increment = [`    cmp  dword [%1 + ${low}], -1`, '    je   %%immortal                     ; all 32 low bits set: leave it alone', `    inc  dword [%1 + ${low}]`, '%%immortal:'];
      decrement = [
        `    cmp  dword [%1 + ${low}], 0`,
        '    jl   %%alive                        ; immortal: the low half is negative',
        `    dec  qword [%1 + ${scheme.refcnt}]`,
        '    jnz  %%alive',
        ...dealloc,
        '%%alive:',
      ];
    } else {
      how = `in place on ${scheme.refcnt} (no immortal objects: the headers define no _Py_IMMORTAL_REFCNT); at zero it ${deallocHow}`;
      increment = [`    inc  qword [%1 + ${scheme.refcnt}]`];
      decrement = [`    dec  qword [%1 + ${scheme.refcnt}]`, '    jnz  %%alive', ...dealloc, '%%alive:'];
    }
  }
  const nullable = (inner: string) => ['    test %1, %1', '    jz   %%null', `    ${inner} %1`, '%%null:'];
  return [
    { name: 'Py_INCREF', comment: `Py_INCREF reg: a new reference, ${how}; ${contract}`, lines: ['%macro Py_INCREF 1', ...increment, '%endmacro'] },
    { name: 'Py_DECREF', comment: `Py_DECREF reg: drop a reference (deallocating at zero), the same way; ${contract}`, lines: ['%macro Py_DECREF 1', ...decrement, '%endmacro'] },
    { name: 'Py_XINCREF', comment: 'Py_XINCREF reg: Py_INCREF unless reg is NULL', lines: ['%macro Py_XINCREF 1', ...nullable('Py_INCREF'), '%endmacro'] },
    { name: 'Py_XDECREF', comment: 'Py_XDECREF reg: Py_DECREF unless reg is NULL', lines: ['%macro Py_XDECREF 1', ...nullable('Py_DECREF'), '%endmacro'] },
  ];
}

/**
 * Py_RETURN_NONE: rax = a new reference to None, then `ret`; write it where the `ret` would be.
 * It always goes through Py_INCREF, which leaves an immortal None alone: the headers of 3.13.0 drop
 * the increment for any Py_LIMITED_API, although None is immortal only from 3.12 on.
 */
function returnNoneIdiom(ctx: RefcountContext): IdiomModel | Diagnostic {
  const tokens = ctx.expand('Py_None').filter((t) => t !== '(' && t !== ')');
  const comment = "Py_RETURN_NONE: rax = a new reference to None, then ret; write it where the function's ret would be";
  if (tokens.length === 2 && tokens[0] === '&' && /^[A-Za-z_]\w*$/.test(tokens[1]!)) {
    return { name: 'Py_RETURN_NONE', comment, lines: ['%macro Py_RETURN_NONE 0', `    mov  rax, [rel ${tokens[1]} wrt ..got]`, '    Py_INCREF rax', '    ret', '%endmacro'] };
  }
  // The limited API of 3.13 on: None is a borrowed reference that a function returns.
  const [fn, ...args] = tokens;
  const argument = args.length > 0 ? ctx.evaluate(args) : undefined;
  if (fn && ctx.isFunction(fn) && argument?.ok) {
    return {
      name: 'Py_RETURN_NONE',
      comment: `${comment} (the headers' Py_None calls ${fn})`,
      lines: ['%macro Py_RETURN_NONE 0', '    sub  rsp, 8                          ; where ret would be, rsp is 8 off the 16-byte alignment', `    mov  edi, ${argument.value.value}`, `    call ${fn} wrt ..plt`, '    add  rsp, 8', '    Py_INCREF rax', '    ret', '%endmacro'],
    };
  }
  return unavailable('Py_RETURN_NONE', `Py_None expands to ${tokens.join(' ') || 'nothing'}`);
}
