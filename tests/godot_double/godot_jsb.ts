/** The "godot-jsb" module of GodotJS, as far as GameTracker reads it. */
export const impl = 'node-double';
