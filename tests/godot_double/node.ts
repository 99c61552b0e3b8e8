import type { GArray } from './containers';
import { flushDeferred } from './deferred';
import { engine } from './engine_state';
import { GodotObject, registerNativeClass, runScript } from './objects_base';
import type { NodePath } from './variants';

const PROCESS_MODE = {
  PROCESS_MODE_INHERIT: 0,
  PROCESS_MODE_PAUSABLE: 1,
  PROCESS_MODE_WHEN_PAUSED: 2,
  PROCESS_MODE_ALWAYS: 3,
  PROCESS_MODE_DISABLED: 4,
} as const;

/**
 * Godot's Node lifecycle as the engine runs it: adding a node to a parent inside the tree enters it
 * top-down (`_enter_tree`), then readies it bottom-up (`_ready`, once per node); every notification
 * also reaches the script's `_notification`. Script callbacks that throw are recorded, not rethrown.
 */
export class Node extends GodotObject {
  static readonly NOTIFICATION_ENTER_TREE = 10;
  static readonly NOTIFICATION_EXIT_TREE = 11;
  static readonly NOTIFICATION_READY = 13;
  static readonly NOTIFICATION_PROCESS = 17;
  static readonly NOTIFICATION_WM_CLOSE_REQUEST = 1006;
  static readonly NOTIFICATION_WM_GO_BACK_REQUEST = 1007;
  static readonly NOTIFICATION_APPLICATION_RESUMED = 2014;
  static readonly NOTIFICATION_APPLICATION_PAUSED = 2015;
  static readonly ProcessMode = PROCESS_MODE;

  #name = '';
  #parent: Node | null = null;
  readonly #children: Node[] = [];
  #tree: SceneTree | null = null;
  #processMode: number = PROCESS_MODE.PROCESS_MODE_INHERIT;
  #readied = false;

  /** GodotJS binds the name through methods only; `node.name = "x"` just sets a JS field (facts §17). */
  set_name(name: string): void {
    this.#name = String(name);
  }
  get_name(): string {
    return this.#name;
  }
  get process_mode(): number {
    return this.#processMode;
  }
  set process_mode(value: number) {
    this.#processMode = value;
  }

  add_child(node: Node): void {
    this.assertAlive('add_child');
    if (node.#parent !== null) {
      engine.scriptErrors.push(`add_child: ${node.#name} already has a parent`);
      return;
    }
    if (node.#name === '') node.#name = `@${node.get_class()}@${node.get_instance_id()}`;
    node.#parent = this;
    this.#children.push(node);
    if (this.#tree !== null) {
      node.#enterTree(this.#tree);
      node.#propagateReady();
    }
  }

  remove_child(node: Node): void {
    const index = this.#children.indexOf(node);
    if (index < 0) return;
    if (node.#tree !== null) node.#exitTree();
    this.#children.splice(index, 1);
    node.#parent = null;
  }

  get_parent(): Node | null {
    return this.#parent;
  }
  get_children(): Node[] {
    return [...this.#children];
  }
  is_inside_tree(): boolean {
    return this.#tree !== null;
  }
  /** Null outside the tree (Godot prints an error and returns null). */
  get_tree(): SceneTree | null {
    return this.#tree;
  }

  get_node(path: string | NodePath): Node | null {
    const text = typeof path === 'string' ? path : `${path.is_absolute() ? '/' : ''}${path.get_concatenated_names()}`;
    let node: Node | null = text.startsWith('/') ? (this.#tree?.root ?? null) : this;
    const names = text.split('/').filter((part) => part !== '');
    if (text.startsWith('/') && names[0] === 'root') names.shift();
    for (const name of names) node = node === null ? null : node.#step(name);
    if (node === null) engine.scriptErrors.push(`get_node: node not found: "${text}"`);
    return node;
  }

  queue_free(): void {
    pendingDeletes.add(this);
  }

  propagate_call(method: string, args?: GArray, parentFirst = false): void {
    const values = args === undefined ? [] : [...args];
    const callHere = (): void => {
      const fn = (this as unknown as Record<string, unknown>)[method];
      if (typeof fn === 'function') runScript(() => Reflect.apply(fn, this, values), method);
    };
    if (parentFirst) callHere();
    for (const child of [...this.#children]) child.propagate_call(method, args, parentFirst);
    if (!parentFirst) callHere();
  }

  propagate_notification(what: number): void {
    this.notification(what);
    for (const child of [...this.#children]) child.propagate_notification(what);
  }

  override to_string(): string {
    return `${this.#name}:${super.to_string()}`;
  }

  // Godot's virtuals: present on every node, as GodotJS reports has_method("_ready") true.
  _enter_tree(): void {}
  _exit_tree(): void {}
  _ready(): void {}
  _process(_delta: number): void {}

  /** @internal The SceneTree's root enters at construction. */
  double_enter_as_root(tree: SceneTree): void {
    this.#enterTree(tree);
    this.#propagateReady();
  }

  /** @internal The SceneTree's root leaves when the game ends: every node's _exit_tree, children first. */
  double_exit_as_root(): void {
    if (this.#tree !== null) this.#exitTree();
  }

  /** @internal One process pass over this subtree, pre-order, honouring pause and process modes. */
  double_process(deltaS: number, paused: boolean): void {
    if (this.#canProcess(paused)) {
      runScript(() => this._process(deltaS), '_process');
      this.notification(Node.NOTIFICATION_PROCESS);
    }
    for (const child of [...this.#children]) if (!child.is_freed()) child.double_process(deltaS, paused);
  }

  #step(name: string): Node | null {
    return name === '..' ? this.#parent : (this.#children.find((child) => child.#name === name) ?? null);
  }

  #enterTree(tree: SceneTree): void {
    this.#tree = tree;
    runScript(() => this._enter_tree(), '_enter_tree');
    this.notification(Node.NOTIFICATION_ENTER_TREE);
    for (const child of [...this.#children]) child.#enterTree(tree);
  }

  #propagateReady(): void {
    for (const child of [...this.#children]) child.#propagateReady();
    if (this.#readied) return;
    this.#readied = true;
    runScript(() => this._ready(), '_ready');
    this.notification(Node.NOTIFICATION_READY);
  }

  #exitTree(): void {
    for (const child of [...this.#children].reverse()) child.#exitTree();
    runScript(() => this._exit_tree(), '_exit_tree');
    this.notification(Node.NOTIFICATION_EXIT_TREE);
    this.#tree = null;
  }

  #effectiveMode(): number {
    if (this.#processMode !== PROCESS_MODE.PROCESS_MODE_INHERIT) return this.#processMode;
    return this.#parent === null ? PROCESS_MODE.PROCESS_MODE_PAUSABLE : this.#parent.#effectiveMode();
  }

  #canProcess(paused: boolean): boolean {
    const mode = this.#effectiveMode();
    if (mode === PROCESS_MODE.PROCESS_MODE_ALWAYS) return true;
    if (mode === PROCESS_MODE.PROCESS_MODE_WHEN_PAUSED) return paused;
    return mode === PROCESS_MODE.PROCESS_MODE_PAUSABLE && !paused;
  }
}

const pendingDeletes = new Set<Node>();

/**
 * The main loop, one frame per `step()`: `_process` over the tree, then the deferred-call queue
 * (HTTPRequest results arrive here), then queued deletions. `quit()` ends the game the way Godot does:
 * the frame it was called in finishes, no other frame runs (a quit requested between frames, e.g. by
 * closing the window, ends the game at the next `step()` without processing), and the tree is torn
 * down: every node's `_exit_tree`, children before parents, later siblings first.
 */
export class SceneTree extends GodotObject {
  readonly root = new Node();
  paused = false;
  readonly quitRequests: number[] = [];
  #autoAcceptQuit = true;
  #ended = false;

  constructor() {
    super();
    this.root.set_name('root');
    this.root.double_enter_as_root(this);
  }

  quit(exit_code = 0): void {
    this.quitRequests.push(exit_code);
  }

  /** A property in GodotJS's typings; there is no `set_auto_accept_quit()` method (facts §17). */
  get auto_accept_quit(): boolean {
    return this.#autoAcceptQuit;
  }
  set auto_accept_quit(value: boolean) {
    this.#autoAcceptQuit = Boolean(value);
  }

  /** Whether the game has ended (quit, and the tree torn down): no frame runs any more. */
  get double_ended(): boolean {
    return this.#ended;
  }

  step(deltaS = 1 / 60): void {
    if (this.#ended) return;
    if (this.quitRequests.length === 0) {
      this.root.double_process(deltaS, this.paused);
      flushDeferred();
      for (const node of pendingDeletes) {
        node.get_parent()?.remove_child(node);
        node.free();
      }
      pendingDeletes.clear();
    }
    if (this.quitRequests.length > 0) this.#end();
  }

  /** The window's close button: every node hears WM_CLOSE_REQUEST; the tree quits only if it may. */
  close_window(): void {
    this.root.propagate_notification(Node.NOTIFICATION_WM_CLOSE_REQUEST);
    if (this.#autoAcceptQuit) this.quit();
  }

  /** OS notifications (APPLICATION_PAUSED, WM_GO_BACK_REQUEST…) reach every node from the root. */
  notify_os(what: number): void {
    this.root.propagate_notification(what);
  }

  #end(): void {
    this.#ended = true;
    this.root.double_exit_as_root();
  }
}

registerNativeClass(Node);
registerNativeClass(SceneTree);
