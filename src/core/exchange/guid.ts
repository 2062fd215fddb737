/**
 * GUIDs for REFI-QDA. Exports use name-based UUIDs (RFC 9562 version 5: SHA-1 of a
 * namespace and a name), so an unchanged workspace exports byte-identical XML and a diff
 * of two exports shows only what changed. Imports accept GUIDs as vendors write them:
 * upper or lower case, with or without braces.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Sift's own namespace; each project's namespace is derived from it and the project name. */
export const SIFT_NAMESPACE = '6f1d3c2e-8a4b-5c7d-9e0f-1a2b3c4d5e6f';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** A version-5 UUID of `name` in `namespace` (lower case, as RFC 9562 writes them). */
export function uuidV5(namespace: string, name: string): string {
  return uuidV5Bytes(namespaceBytes(namespace), name);
}

function namespaceBytes(namespace: string): Uint8Array {
  const ns = parseGuid(namespace);
  if (!ns) throw new Error(`${namespace} is not a UUID`);
  return hexToBytes(ns.replace(/-/g, ''));
}

function uuidV5Bytes(nsBytes: Uint8Array, name: string): string {
  const nameBytes = utf8ToBytes(name);
  const input = new Uint8Array(nsBytes.length + nameBytes.length);
  input.set(nsBytes);
  input.set(nameBytes, nsBytes.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC variant
  const hex = bytesToHex(hash);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The canonical form of a GUID as vendors write it (braces dropped, lower case), or undefined if it is none. */
export function parseGuid(text: string | undefined): string | undefined {
  const m = text === undefined ? null : GUID.exec(text.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** GUID factory for one project: `guids.of('code', tagId)` is stable for as long as the project name is. */
export function guidsFor(projectName: string): { of(kind: string, key: string): string } {
  const namespace = namespaceBytes(uuidV5(SIFT_NAMESPACE, `project:${projectName}`));
  // A code or user GUID is asked for once per coding: hashing is the export's main cost, so each is made once.
  const made = new Map<string, string>();
  return {
    of: (kind, key) => {
      const name = `${kind}:${key}`;
      let guid = made.get(name);
      if (guid === undefined) made.set(name, (guid = uuidV5Bytes(namespace, name)));
      return guid;
    },
  };
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
