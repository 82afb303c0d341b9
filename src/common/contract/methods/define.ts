// The shape of one contract entry. Every method names who may call it: `defineMethods` refuses an entry without
// `access`, so a new method cannot be left open (or closed) by accident.
import type { z } from 'zod';
import type { Access } from '../console.ts';

export interface MethodSpec {
  access: Access;
  input: z.ZodType;
  output: z.ZodType;
}

export function defineMethods<const T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}
