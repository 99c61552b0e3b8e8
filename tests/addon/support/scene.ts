import type { Node as GodotNode } from 'godot';
import { clearDeferred } from '../../godot_double/deferred';
import { engine, resetEngine } from '../../godot_double/engine_state';
import { Node, SceneTree } from '../../godot_double/node';

let previous: SceneTree | undefined;

/**
 * A fresh engine and scene tree, with a plain node in it to host what a test adds. The previous
 * test's tree is torn down first (its nodes exit the tree), as when a game quits.
 */
export function freshScene(): { tree: SceneTree; host: Node } {
  for (const child of previous?.root.get_children() ?? []) previous?.root.remove_child(child);
  resetEngine();
  clearDeferred();
  const tree = new SceneTree();
  previous = tree;
  const host = new Node();
  host.set_name('Host');
  tree.root.add_child(host);
  return { tree, host };
}

/** Errors GodotJS would have printed (exceptions out of scripts, failed conversions): none expected. */
export function scriptErrors(): string[] {
  return engine.scriptErrors;
}

/**
 * The double and typings/ declare the same classes separately (and the double's private fields make
 * its types nominal), so a double node handed to addon code typed against "godot" needs this cast.
 */
export function asGodotNode(node: Node): GodotNode {
  return node as unknown as GodotNode;
}

/** The other way round: an addon node (typed against "godot") added to the double's tree. */
export function asDoubleNode(node: GodotNode): Node {
  return node as unknown as Node;
}
