/**
 * Validates parsed YAML against the JSON Schemas in `schemas/` — the same files the YAML
 * extension uses for completion — and turns each violation into a Problem at the place in
 * the file where it is, in words a researcher understands.
 */
import type { default as Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { problem, type Problem } from './problems';
import { positionOf, type ParsedYaml } from './yaml/parse';

export type FileKind = 'research' | 'codebook' | 'participants' | 'highlights' | 'theme' | 'insight' | 'persona' | 'journey' | 'library';

/** What validating needs, loaded together on first use: ajv and the schemas (src/core/schemas.ts). */
export interface SchemaValidator {
  Ajv: typeof Ajv;
  schemas: Readonly<Record<FileKind, object>>;
}

let loadValidator: (() => SchemaValidator) | undefined;
let schemas: SchemaValidator['schemas'] | undefined;
let ajv: Ajv | undefined;

/**
 * Installs where ajv and the schemas come from: the node hosts load them from a bundle of
 * their own the first time a file is validated (src/node/core-libraries.ts), so no start-up
 * parses them.
 */
export function useSchemaValidator(load: () => SchemaValidator): void {
  loadValidator = load;
}
const compiled = new Map<FileKind, ValidateFunction>();

/** Compiled lazily, one kind at a time: activation and `sift --help` should not pay for it. */
function validatorFor(kind: FileKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    if (!ajv) {
      if (!loadValidator) throw new Error('No schema validator: the host installs one (useSchemaValidator, src/node/core-libraries.ts) before any file is read.');
      const validator = loadValidator();
      schemas = validator.schemas;
      ajv = new validator.Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }); // verbose: errors carry parentSchema (x-message, known keys)
      ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
    }
    validate = ajv.compile(schemas![kind]);
    compiled.set(kind, validate);
  }
  return validate;
}

/** True when the value fits the schema (no positions needed: used on the fast path). */
export function validatesQuietly(kind: FileKind, value: unknown): boolean {
  return validatorFor(kind)(value) === true;
}

/** Problems for every schema violation in `value` (the JS form of `parsed`). */
export function validateAgainstSchema(kind: FileKind, path: string, parsed: ParsedYaml, value: unknown): Problem[] {
  const validate = validatorFor(kind);
  if (validate(value)) return [];
  return simplify(validate.errors ?? []).map((e) => {
    const segments = pointerSegments(e.instancePath);
    const key = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const at = positionOf(parsed, key ? [...segments, key] : segments, key !== undefined);
    return problem(path, at, 'error', `schema-${e.keyword}`, describe(e, segments, key));
  });
}

/**
 * Drops the noise ajv adds around a real violation: duplicates, and the failures of each
 * branch of an `anyOf` (a value that fits none of the forms gets one message, the anyOf's).
 */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const alternatives = errors.filter((e) => e.keyword === 'anyOf').map((e) => ({ at: e.instancePath, branches: `${e.schemaPath}/` }));
  return errors.filter((e) => {
    if (alternatives.some((a) => e.instancePath.startsWith(a.at) && e.schemaPath.startsWith(a.branches))) return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `highlights[3].start` — how a researcher would point at a value. */
function where(segments: (string | number)[]): string {
  if (segments.length === 0) return 'the file';
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s + 1}]` : i === 0 ? s : `.${s}`))
    .join('')
    .replace(/^\[/, 'item [');
}

const TYPE_WORDS: Record<string, string> = { string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value)' };

function describe(e: ErrorObject, segments: (string | number)[], extraKey?: string): string {
  const place = where(segments);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${place === 'the file' ? 'The file' : place} is missing "${params.missingProperty}".`;
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return `Unknown key "${extraKey}" in ${place}. Known keys: ${known.join(', ')}.`;
    }
    case 'type': {
      const types = String(params.type).split(',');
      return `${place} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}.`;
    }
    case 'enum':
      return `${place} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'pattern': {
      const hint = (e.parentSchema as { 'x-message'?: string })['x-message'];
      return `${place} is not written the expected way${hint ? `: ${hint}` : ''}.`;
    }
    case 'minLength':
      return `${place} must not be empty.`;
    case 'anyOf': {
      const hint = (e.parentSchema as { 'x-message'?: string })['x-message'];
      return `${place} must be ${hint ?? 'one of the allowed forms'}.`;
    }
    case 'minimum':
    case 'maximum':
      return `${place} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit}.`;
    case 'uniqueItems':
      return `${place} lists the same value twice.`;
    case 'propertyNames':
      return `A key in ${place} is not written the expected way: use lower-case words joined by hyphens.`;
    default:
      return `${place} ${e.message ?? 'is not valid'}.`;
  }
}
