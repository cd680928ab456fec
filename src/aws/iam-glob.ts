/**
 * IAM wildcard matching
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String):
 * in StringLike values and in Action elements `*` matches any run of characters (including none
 * and including `:`), `?` exactly one. Action names are case-insensitive; condition values are not.
 */

/** A whole-string regular expression for an IAM wildcard pattern. */
export function iamGlobToRegExp(pattern: string, ignoreCase = false): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (char) => (char === '*' ? '.*' : char === '?' ? '.' : `\\${char}`));
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}

export function matchesIamGlob(pattern: string, value: string, ignoreCase = false): boolean {
  return iamGlobToRegExp(pattern, ignoreCase).test(value);
}

export function hasIamWildcard(value: string): boolean {
  return /[*?]/.test(value);
}
