/**
 * `protocol: "otlp"` through the autoload and the Godot double: the option is a core one, so GDScript
 * passes it in the init Dictionary and the same HTTPRequest port carries protobuf bodies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type GameTrackerSpan from '../../addons/game_tracker/game_tracker_span';
import { OTLP_PATHS } from '../../addons/game_tracker/core/config';
import { engine } from '../godot_double/engine_state';
import { callFromGDScript, fromGDScript } from '../godot_double/gdscript';
import { Vector2 } from '../godot_double/variants';
import { decodeOtlpLogsProtobuf, decodeOtlpMetricsProtobuf, decodeOtlpTracesGenerated, otlpItems } from '../support/oracles';
import type { OtlpPlain } from '../support/oracles';
import { startAutoload } from './support/autoload';
import type { AutoloadScene } from './support/autoload';
import { runFramesUntil } from './support/frames';

let scene: AutoloadScene | undefined;
afterEach(async () => {
  await scene?.server.stop();
  scene = undefined;
});


describe('GameTracker autoload with protocol: "otlp"', () => {
  it('sends GDScript-shaped logs, metrics and spans as OTLP protobuf that the upstream definitions decode', async () => {
    const s = (scene = await startAutoload({ protocol: 'otlp' }));
    s.gd('log_info', 'Player joined', fromGDScript({ player_id: 123, pos: new Vector2(4, 5) }));
    s.gd('increment', 'player_deaths', fromGDScript({ cause: 'lava' }), 2n);
    const load = s.gd('start_span', 'level.load', fromGDScript({ level: 'cave' })) as GameTrackerSpan;
    s.gd('log_warn', 'slow load', fromGDScript({ span: load }));
    callFromGDScript(load, 'end');
    s.gd('flush');
    await runFramesUntil(s.tree, () => Object.values(OTLP_PATHS).every((path) => s.bodies(path).some((body) => body.length > 0)));

    const records = s.bodies(OTLP_PATHS.logs).flatMap((b) => otlpItems(decodeOtlpLogsProtobuf(new Uint8Array(b)), ['resourceLogs', 'scopeLogs', 'logRecords']));
    const joined = records.find((r) => (r['body'] as OtlpPlain)['stringValue'] === 'Player joined')!;
    expect(joined['attributes']).toEqual(expect.arrayContaining([{ key: 'pos', value: { stringValue: '(4, 5)', value: 'stringValue' } }]));
    const slow = records.find((r) => r['severityText'] === 'WARN')!;
    expect(slow['traceId']).toBe(callFromGDScript(load, 'trace_id'));

    const metrics = s.bodies(OTLP_PATHS.metrics).filter((b) => b.length > 0).flatMap((b) => otlpItems(decodeOtlpMetricsProtobuf(new Uint8Array(b)), ['resourceMetrics', 'scopeMetrics', 'metrics']));
    expect(metrics.find((m) => m['name'] === 'player_deaths')).toMatchObject({ sum: { isMonotonic: true, dataPoints: [{ asDouble: 2 }] } });

    const spans = s.bodies(OTLP_PATHS.traces).flatMap((b) => otlpItems(decodeOtlpTracesGenerated(new Uint8Array(b)), ['resourceSpans', 'scopeSpans', 'spans']));
    expect(spans.map((span) => [span['name'], span['spanId']])).toEqual([['level.load', callFromGDScript(load, 'span_id')]]);
    expect(engine.scriptErrors).toEqual([]);
  });
});
