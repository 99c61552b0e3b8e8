/**
 * A trace as an indented tree, one span per line with its duration:
 *
 *     trace 4bf92f3577b34da6a3ce929d0e0e4736  demo-game  125.0 ms, 3 spans
 *     level_load 125.0 ms
 *     ├─ load_assets 80.5 ms  (+1.0 ms)
 *     └─ spawn_player 20.0 ms  (+90.0 ms)  ERROR no spawn point
 */
import type { SpanNode, TraceView } from '../model/views';
import { formatMs } from './format';
import { PLAIN_STYLE } from './style';
import type { Style } from './style';

/** OTLP StatusCode ERROR. */
const STATUS_ERROR = 2;

export function renderTraceTree(trace: TraceView, style: Style = PLAIN_STYLE): string[] {
  const spans = trace.spanCount === 1 ? '1 span' : `${trace.spanCount} spans`;
  const header = `trace ${trace.traceId}  ${trace.serviceName || '(no service.name)'}  ${formatMs(trace.durationMs)}, ${spans}`;
  const lines = [style.cyan(header)];
  for (const root of trace.roots) lines.push(...renderNode(root, '', '', style));
  return lines;
}

function renderNode(node: SpanNode, prefix: string, connector: string, style: Style): string[] {
  const isChild = connector !== '';
  const parts = [`${prefix}${connector}${style.bold(node.name)} ${formatMs(node.durationMs)}`];
  if (isChild) parts.push(style.dim(`(+${formatMs(node.startOffsetMs)})`));
  if (node.missingParent) parts.push(style.yellow('(parent not received)'));
  if (node.statusCode === STATUS_ERROR) parts.push(style.red(`ERROR${node.statusMessage ? ` ${node.statusMessage}` : ''}`));
  const lines = [parts.join('  ')];
  const childPrefix = isChild ? `${prefix}${connector === '└─ ' ? '   ' : '│  '}` : prefix;
  node.children.forEach((child, index) => {
    const last = index === node.children.length - 1;
    lines.push(...renderNode(child, childPrefix, last ? '└─ ' : '├─ ', style));
  });
  return lines;
}
