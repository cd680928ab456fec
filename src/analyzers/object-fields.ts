/**
 * Loose readers for manifest objects, which are user input of any shape. Pod identity spec
 * fields are read case-insensitively because before aad-pod-identity v1.6.0 the controller
 * decoded them that way, so real manifests carry `ResourceID`, `ClientID`, `Selector`...
 * (https://github.com/Azure/aad-pod-identity/releases/tag/v1.6.0).
 */
import type { NodePath } from '../model/document.js';

export type Fields = Record<string, unknown>;

export function asFields(value: unknown): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

/** The key actually used in the object for `name`, compared case-insensitively. */
export function keyOf(object: unknown, name: string): string | null {
  const fields = asFields(object);
  if (!fields) return null;
  if (name in fields) return name;
  const lower = name.toLowerCase();
  return Object.keys(fields).find((key) => key.toLowerCase() === lower) ?? null;
}

export function fieldOf(object: unknown, name: string): unknown {
  const key = keyOf(object, name);
  return key === null ? undefined : asFields(object)?.[key];
}

/** A scalar as a string (numbers and booleans too, since YAML may read `123` as a number). */
export function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Labels and annotations: only scalar values count, as the API server would insist. */
export function stringMapOf(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const fields = asFields(value);
  // for...in rather than Object.entries: no pair arrays for every label of every document read.
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const text = stringOf(fields[key]);
    if (text !== null) result[key] = text;
  }
  return result;
}

export interface ObjectMeta {
  name: string;
  namespace: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function metadataOf(object: unknown): ObjectMeta {
  const metadata = asFields(asFields(object)?.metadata);
  return {
    name: stringOf(metadata?.name) ?? '',
    namespace: stringOf(metadata?.namespace),
    labels: stringMapOf(metadata?.labels),
    annotations: stringMapOf(metadata?.annotations),
  };
}

/** Reads a nested path of exact keys. */
export function pathOf(object: unknown, path: readonly string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    const fields = asFields(current);
    if (!fields) return undefined;
    current = fields[key];
  }
  return current;
}

/** Reads a nested path through maps and lists (a number or a numeric key indexes a list). */
export function valueAt(value: unknown, path: NodePath): unknown {
  let node = value;
  for (const segment of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(segment)] : undefined;
  return node;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra client and tenant ids are GUIDs; anything else in a manifest is a placeholder. */
export function isGuid(value: string | null): value is string {
  return value !== null && GUID.test(value.trim());
}
