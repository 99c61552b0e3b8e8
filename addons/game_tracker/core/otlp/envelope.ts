/**
 * The export request around a batch, the same shape for the three signals:
 *
 *   Export{Logs,Metrics,Trace}ServiceRequest { repeated Resource{Logs,Metrics,Spans} resource_x = 1; }
 *   Resource{Logs,Metrics,Spans}             { Resource resource = 1; repeated Scope{..} scope_x = 2; }
 *   Scope{Logs,Metrics,Spans}                { InstrumentationScope scope = 1; repeated <item> items = 2; }
 *   Resource                                 { repeated KeyValue attributes = 1; }
 *   InstrumentationScope                     { string name = 1; string version = 2; }
 *
 * One resource (this game client), one scope (this SDK). The resource and scope fields are encoded
 * once per resource object and copied into every request.
 */
import type { Attributes } from '../types';
import { SDK_NAME, SDK_VERSION } from '../version';
import { writeKeyValues } from './any_value';
import { LENGTH_DELIMITED, tag, writeStringField } from './proto_fields';
import { Writer } from '../wire_deps';

const TAG_FIRST = tag(1, LENGTH_DELIMITED);
const TAG_SECOND = tag(2, LENGTH_DELIMITED);

const resourceFields = new WeakMap<object, Uint8Array>();

function resourceField(resource: Readonly<Attributes>): Uint8Array {
  let bytes = resourceFields.get(resource);
  if (bytes === undefined) {
    const writer = Writer.create().uint32(TAG_FIRST).fork();
    writeKeyValues(writer, 1, resource);
    writer.ldelim();
    bytes = writer.finish();
    resourceFields.set(resource, bytes);
  }
  return bytes;
}

const scopeField = (() => {
  const writer = Writer.create().uint32(TAG_FIRST).fork();
  writeStringField(writer, 1, SDK_NAME);
  writeStringField(writer, 2, SDK_VERSION);
  return writer.ldelim().finish();
})();

/** A writer inside the request's one scope message: write each item with `ITEM_TAG` as its key, then `finishExportRequest`. */
export function startExportRequest(resource: Readonly<Attributes>): Writer {
  return Writer.create().uint32(TAG_FIRST).fork().raw(resourceField(resource)).uint32(TAG_SECOND).fork().raw(scopeField);
}

export function finishExportRequest(writer: Writer): Uint8Array {
  return writer.ldelim().ldelim().finish();
}

/** Writes the whole request; `writeItems` writes each item with `ITEM_TAG` as its key. */
export function encodeExportRequest(resource: Readonly<Attributes>, writeItems: (writer: Writer) => void): Uint8Array {
  const writer = startExportRequest(resource);
  writeItems(writer);
  return finishExportRequest(writer);
}

/** The key of one item (log record, metric, span) inside its scope message. */
export const ITEM_TAG = TAG_SECOND;
