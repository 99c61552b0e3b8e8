/** HTTPRequest, HTTPClient (the blocking flush at quit) and TLSOptions (subset). */
declare module 'godot' {
  namespace HTTPClient {
    enum Method {
      METHOD_GET = 0,
      METHOD_HEAD = 1,
      METHOD_POST = 2,
      METHOD_PUT = 3,
      METHOD_DELETE = 4,
      METHOD_OPTIONS = 5,
      METHOD_TRACE = 6,
      METHOD_CONNECT = 7,
      METHOD_PATCH = 8,
    }
    enum Status {
      STATUS_DISCONNECTED = 0,
      STATUS_RESOLVING = 1,
      STATUS_CANT_RESOLVE = 2,
      STATUS_CONNECTING = 3,
      STATUS_CANT_CONNECT = 4,
      STATUS_CONNECTED = 5,
      STATUS_REQUESTING = 6,
      STATUS_BODY = 7,
      STATUS_CONNECTION_ERROR = 8,
      STATUS_TLS_HANDSHAKE_ERROR = 9,
    }
  }

  /** A raw HTTP/1.1 connection that makes progress only when `poll()` is called. */
  class HTTPClient extends RefCounted {
    constructor();
    /** `host` without a scheme; `port` -1 picks 80 or 443; TLS is used when `tls_options` is given. */
    connect_to_host(host: string, port?: int64, tls_options?: TLSOptions): Error;
    poll(): Error;
    get_status(): HTTPClient.Status;
    /** `url` is the path and query once connected, e.g. "/v1/traces". */
    request(method: HTTPClient.Method, url: string, headers: PackedStringArray | string[], body?: string): Error;
    request_raw(method: HTTPClient.Method, url: string, headers: PackedStringArray | string[], body: PackedByteArray | byte[] | ArrayBuffer): Error;
    has_response(): boolean;
    get_response_code(): int64;
    get_response_headers(): PackedStringArray;
    read_response_body_chunk(): PackedByteArray;
    close(): void;
  }

  class TLSOptions extends RefCounted {
    /**
     * Verifies the server against the project's CA bundle (or `trusted_chain`, not used here). Typed
     * nullable, as GodotJS types every Object it returns; `connect_to_host` takes it as optional.
     */
    static client(): null | TLSOptions;
  }

  namespace HTTPRequest {
    enum Result {
      RESULT_SUCCESS = 0,
      RESULT_CHUNKED_BODY_SIZE_MISMATCH = 1,
      RESULT_CANT_CONNECT = 2,
      RESULT_CANT_RESOLVE = 3,
      RESULT_CONNECTION_ERROR = 4,
      RESULT_TLS_HANDSHAKE_ERROR = 5,
      RESULT_NO_RESPONSE = 6,
      RESULT_BODY_SIZE_LIMIT_EXCEEDED = 7,
      RESULT_BODY_DECOMPRESS_FAILED = 8,
      RESULT_REQUEST_FAILED = 9,
      RESULT_DOWNLOAD_FILE_CANT_OPEN = 10,
      RESULT_DOWNLOAD_FILE_WRITE_ERROR = 11,
      RESULT_REDIRECT_LIMIT_REACHED = 12,
      RESULT_TIMEOUT = 13,
    }
  }

  /** One request at a time: a second one while busy returns ERR_BUSY; outside the tree ERR_UNCONFIGURED. */
  class HTTPRequest extends Node {
    constructor();
    request(
      url: string,
      custom_headers?: PackedStringArray | string[],
      method?: HTTPClient.Method,
      request_data?: string,
    ): Error;
    /** Only an ArrayBuffer, a PackedByteArray or a number[] converts; a Uint8Array throws in GodotJS. */
    request_raw(
      url: string,
      custom_headers?: PackedStringArray | string[],
      method?: HTTPClient.Method,
      request_data_raw?: PackedByteArray | byte[] | ArrayBuffer,
    ): Error;
    /** Seconds for the whole request; 0 disables the timeout. */
    get timeout(): float64;
    set timeout(value: float64);
    get use_threads(): boolean;
    set use_threads(value: boolean);
    /** Emitted via call_deferred on the main thread, also with use_threads. */
    readonly request_completed: Signal<
      (result: int64, response_code: int64, headers: PackedStringArray, body: PackedByteArray) => void
    >;
  }
}
