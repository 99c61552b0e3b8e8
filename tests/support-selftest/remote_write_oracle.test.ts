import { describe, expect, it } from 'vitest';
import { decodeRemoteWrite, remoteWriteRequestType, snappyCompress } from '../support/oracles';

/** A body built with the oracle's own reflected type: independent of the addon's encoder. */
function encodeBody(request: object): Uint8Array {
  const type = remoteWriteRequestType();
  return snappyCompress(type.encode(type.fromObject(request)).finish());
}

describe('decodeRemoteWrite', () => {
  it('decodes series, samples, exemplars and metadata as plain values', () => {
    const body = encodeBody({
      timeseries: [
        {
          // Deliberately unsorted: the oracle reports wire order so that tests can check sorting.
          labels: [
            { name: 'level', value: 'boss' },
            { name: '__name__', value: 'game_frames_total' },
          ],
          samples: [
            { value: 1.5, timestamp: '1700000000000' },
            { value: NaN, timestamp: '1700000001000' },
          ],
          exemplars: [{ labels: [{ name: 'trace_id', value: 'abc' }], value: 2, timestamp: '1700000000500' }],
        },
      ],
      metadata: [{ type: 1, metricFamilyName: 'game_frames_total', help: 'Frames drawn', unit: '' }],
    });
    expect(decodeRemoteWrite(body)).toEqual({
      timeseries: [
        {
          labels: [
            { name: 'level', value: 'boss' },
            { name: '__name__', value: 'game_frames_total' },
          ],
          samples: [
            { value: 1.5, timestampMs: 1700000000000 },
            { value: NaN, timestampMs: 1700000001000 },
          ],
          exemplars: [{ labels: [{ name: 'trace_id', value: 'abc' }], value: 2, timestampMs: 1700000000500 }],
        },
      ],
      metadata: [{ type: 1, metricFamilyName: 'game_frames_total', help: 'Frames drawn', unit: '' }],
    });
  });

  it('fills proto3 defaults (value 0, empty label value) instead of dropping them', () => {
    const body = encodeBody({ timeseries: [{ labels: [{ name: 'a', value: '' }], samples: [{ value: 0, timestamp: '0' }] }] });
    expect(decodeRemoteWrite(body).timeseries[0]).toEqual({
      labels: [{ name: 'a', value: '' }],
      samples: [{ value: 0, timestampMs: 0 }],
      exemplars: [],
    });
  });

  it('refuses timestamps a double cannot hold exactly', () => {
    const body = encodeBody({ timeseries: [{ samples: [{ value: 1, timestamp: '9007199254740993' }] }] });
    expect(() => decodeRemoteWrite(body)).toThrow('timeseries[0].samples[0].timestamp: 9007199254740993');
  });

  it('refuses a body that is not snappy block format (e.g. raw protobuf)', () => {
    const type = remoteWriteRequestType();
    const raw = type.encode(type.fromObject({ timeseries: [{ labels: [{ name: '__name__', value: 'x' }] }] })).finish();
    expect(() => decodeRemoteWrite(raw)).toThrow();
  });
});
