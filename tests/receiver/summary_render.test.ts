import { describe, expect, it } from 'vitest';
import { ReceiverModel } from '../../demo/receiver/model/receiver_model';
import { fitWidth } from '../../demo/receiver/render/format';
import { ANSI_STYLE } from '../../demo/receiver/render/style';
import { LIVE_LIMITS, renderFinalReport, renderSummary } from '../../demo/receiver/render/summary';

function filledModel(): ReceiverModel {
  const model = new ReceiverModel();
  const timeUnixNano = 1_700_000_000_000_000_000n;
  model.addLogs([
    { timeUnixNano, line: 'player joined', labels: { game: 'demo', level: 'info' }, metadata: { session_id: 's-1' } },
    { timeUnixNano, line: 'shop crashed', labels: { game: 'demo', level: 'error' }, metadata: {} },
  ]);
  const common = [
    { name: 'game', value: 'demo' },
    { name: 'session_id', value: 's-1' },
  ];
  model.addSeries([
    { labels: [{ name: '__name__', value: 'player_deaths_total' }, { name: 'cause', value: 'lava' }, ...common], samples: [{ value: 2, timestampMs: 1 }] },
    { labels: [{ name: '__name__', value: 'players_online' }, ...common], samples: [{ value: 4, timestampMs: 1 }] },
  ]);
  model.recordRejected('/api/v1/push', 400, 'labels not sorted');
  return model;
}

describe('the summary', () => {
  it('lists requests, log levels with the latest lines, and series without their shared labels', () => {
    const lines = renderSummary(filledModel().snapshot(), { header: ['receiver'], limits: LIVE_LIMITS });

    expect(lines).toEqual(
      expect.arrayContaining([
        'Requests  0 accepted, 1 rejected   /api/v1/push 0 ok, 1 refused',
        '  400 /api/v1/push  labels not sorted',
        'Logs  2   info 1  error 1',
        expect.stringMatching(/^ {2}\d\d:\d\d:\d\d\.000 ERROR shop crashed$/),
        'Metrics  2 series, 0 histograms   {game="demo", session_id="s-1"}',
        '  player_deaths_total{cause="lava"}  2  counter',
        '  players_online  4  gauge',
      ]),
    );
  });

  it('keeps every line in the final report', () => {
    const report = renderFinalReport(filledModel().snapshot());

    expect(report).toContain('GameTracker receiver: final report');
    expect(report).toContain('player joined  session_id=s-1');
  });

  it('cuts coloured lines by visible width', () => {
    const line = `${ANSI_STYLE.red('error')} happened`;

    expect(fitWidth(line, 7)).toBe(`${ANSI_STYLE.red('error')} h\x1b[0m`);
    expect(fitWidth(line, 80)).toBe(line);
  });
});
