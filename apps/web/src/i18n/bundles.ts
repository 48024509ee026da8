export type Strings = { [key: string]: unknown };

const isTree = (value: unknown): value is Strings => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The shared strings with each feature's bundle merged in at the root. Two bundles may add to the same
 * group (`nav`), but never set the same key: that throws, naming the key, so a feature cannot silently
 * replace another's or a shared string.
 */
export function mergeStrings(shared: Strings, bundles: readonly { name: string; strings: Strings }[]): Strings {
  const merged: Strings = structuredClone(shared);
  const owner = new Map<string, string>();
  const into = (target: Strings, source: Strings, feature: string, prefix: string) => {
    for (const [key, value] of Object.entries(source)) {
      const path = prefix + key;
      const existing = target[key];
      if (isTree(value) && (existing === undefined || isTree(existing))) {
        const child = (existing as Strings | undefined) ?? {};
        target[key] = child;
        into(child, value, feature, `${path}.`);
      } else if (existing !== undefined) {
        throw new Error(`String "${path}" of feature ${feature} is already set by ${owner.get(path) ?? 'the shared strings'}`);
      } else {
        target[key] = value;
        owner.set(path, feature);
      }
    }
  };
  for (const bundle of bundles) into(merged, bundle.strings, bundle.name, '');
  return merged;
}
