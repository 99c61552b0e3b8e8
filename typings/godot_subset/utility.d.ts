/** Godot's global utility functions: GodotJS exports them from the "godot" module, not as JS globals. */
declare module 'godot' {
  function push_warning(...varargs: unknown[]): void;
}
