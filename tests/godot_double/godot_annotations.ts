/**
 * The "godot.annotations" module: createClassBinder() with TC39 decorators. The double records which
 * classes were marked as tool scripts; it checks the documented rule that one binder serves one class.
 */
export const toolScripts = new Set<unknown>();

type ClassDecorator = (target: unknown, context: ClassDecoratorContext) => void;

export function createClassBinder(): (() => ClassDecorator) & { tool(): ClassDecorator } {
  let used = false;
  const bind = (): ClassDecorator => () => {
    if (used) throw new Error('Re-using the same class binder across multiple classes is not supported');
    used = true;
  };
  return Object.assign(bind, { tool: (): ClassDecorator => (target) => void toolScripts.add(target) });
}
