import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../demo/receiver/model/records';
import { buildTraceView } from '../../demo/receiver/model/span_tree';
import { renderTraceTree } from '../../demo/receiver/render/span_tree_text';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const START_NS = 1_700_000_000_000_000_000n;

function span(spanId: string, parentSpanId: string, name: string, startMs: number, endMs: number, extra: Partial<SpanRecord> = {}): SpanRecord {
  return {
    traceId: TRACE_ID,
    spanId,
    parentSpanId,
    name,
    kind: 1,
    startTimeUnixNano: START_NS + BigInt(Math.round(startMs * 1e6)),
    endTimeUnixNano: START_NS + BigInt(Math.round(endMs * 1e6)),
    statusCode: 0,
    statusMessage: '',
    serviceName: 'demo-game',
    attributes: {},
    events: [],
    ...extra,
  };
}

describe('renderTraceTree', () => {
  it('draws nested spans with their durations and offsets in milliseconds, children in start order', () => {
    const spans = [
      span('000000000000000c', '000000000000000a', 'spawn_player', 90, 110, { statusCode: 2, statusMessage: 'no spawn point' }),
      span('000000000000000a', '', 'level_load', 0, 125),
      span('000000000000000d', '000000000000000b', 'decode_textures', 2, 2.25),
      span('000000000000000b', '000000000000000a', 'load_assets', 1, 81.5),
    ];

    expect(renderTraceTree(buildTraceView(TRACE_ID, spans))).toEqual([
      `trace ${TRACE_ID}  demo-game  125.0 ms, 4 spans`,
      'level_load 125.0 ms',
      '├─ load_assets 80.5 ms  (+1.0 ms)',
      '│  └─ decode_textures 0.250 ms  (+2.0 ms)',
      '└─ spawn_player 20.0 ms  (+90.0 ms)  ERROR no spawn point',
    ]);
  });

  it('shows a span whose parent has not arrived as a root of its own', () => {
    const spans = [span('000000000000000a', '', 'frame', 0, 16), span('000000000000000e', '00000000000000ff', 'late_child', 5, 6)];

    expect(renderTraceTree(buildTraceView(TRACE_ID, spans)).slice(1)).toEqual(['frame 16.0 ms', 'late_child 1.0 ms  (parent not received)']);
  });

  it('terminates on parent ids that form a cycle', () => {
    const spans = [span('000000000000000a', '000000000000000b', 'a', 0, 2), span('000000000000000b', '000000000000000a', 'b', 1, 2)];

    expect(renderTraceTree(buildTraceView(TRACE_ID, spans)).slice(1)).toEqual(['a 2.0 ms  (parent not received)', '└─ b 1.0 ms  (+1.0 ms)']);
  });
});
