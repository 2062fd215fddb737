/**
 * ajv and the schemas it checks files against, bundled on their own as
 * dist/schema-validator.js (scripts/bundles.mjs) and loaded when the first YAML file is
 * validated (src/core/validate.ts): about 140 KB that the extension's activation does not parse.
 */
import Ajv from 'ajv';
import type { SchemaValidator } from '../core/validate';
import { SCHEMAS } from '../core/schemas';

export const validator: SchemaValidator = { Ajv, schemas: SCHEMAS };
