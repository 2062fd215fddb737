/**
 * The JSON Schemas of Sift's files (schemas/, also contributed to the YAML extension), by
 * file kind. Loaded with ajv, on first validation (src/node/schema-validator.ts).
 */
import codebook from '../../schemas/codebook.schema.json';
import highlights from '../../schemas/highlights.schema.json';
import insight from '../../schemas/insight.schema.json';
import journey from '../../schemas/journey.schema.json';
import library from '../../schemas/library.schema.json';
import participants from '../../schemas/participants.schema.json';
import persona from '../../schemas/persona.schema.json';
import research from '../../schemas/research.schema.json';
import theme from '../../schemas/theme.schema.json';
import type { FileKind } from './validate';

export const SCHEMAS: Readonly<Record<FileKind, object>> = { research, codebook, participants, highlights, theme, insight, persona, journey, library };
