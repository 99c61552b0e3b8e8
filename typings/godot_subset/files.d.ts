/** Godot's file access (subset): the worker design's quit wait (scripts/bench/worker_design/). */
declare module 'godot' {
  namespace FileAccess {
    enum ModeFlags {
      WRITE = 2,
    }
  }
  class FileAccess extends RefCounted {
    static open(path: string, flags: FileAccess.ModeFlags): null | FileAccess;
    static file_exists(path: string): boolean;
    static get_file_as_string(path: string): string;
    store_string(string_: string): boolean;
    close(): void;
  }

  class DirAccess extends RefCounted {
    static rename_absolute(from: string, to: string): Error;
    static remove_absolute(path: string): Error;
  }
}
