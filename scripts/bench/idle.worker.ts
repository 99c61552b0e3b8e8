import { JSWorkerParent } from 'godot.worker';

/**
 * A worker that does nothing with what it gets but say so: conversions.tscn times what posting costs
 * the sender, and waits for every answer before it quits.
 */
const parent = JSWorkerParent;
if (parent !== undefined) parent.onmessage = () => parent.postMessage(true);
