import { fromVariant, registerVariantClass, toVariant } from './containers';
import { runScript } from './objects_base';
import type { Callable } from './variants';

const OK = 0;
const ERR_INVALID_PARAMETER = 31;

/**
 * A Godot signal. `emit` converts its arguments to Variants (so plain JS objects fail, GodotJS issue
 * #57) and calls each connected Callable synchronously; an exception in one is printed, not thrown.
 */
export class Signal {
  readonly #name: string;
  readonly #connections: Callable[] = [];

  constructor(name = 'signal') {
    this.#name = name;
  }

  connect(callable: Callable): number {
    if (this.#connections.includes(callable)) return ERR_INVALID_PARAMETER;
    this.#connections.push(callable);
    return OK;
  }

  disconnect(callable: Callable): void {
    const index = this.#connections.indexOf(callable);
    if (index >= 0) this.#connections.splice(index, 1);
  }

  emit(...args: unknown[]): void {
    const variants = args.map(toVariant);
    for (const callable of [...this.#connections]) {
      runScript(() => callable.call(...variants.map(fromVariant)), `signal ${this.#name}`);
    }
  }
}

registerVariantClass(Signal);
