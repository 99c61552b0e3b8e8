extends Node
## Issue #18's measurements in a real engine (`npm run engine:check` runs this scene and reads its
## tables); `npm run bench` runs the same paths through the Godot double. What one call from GDScript
## costs, at the call and all in, beside the floors of the same run, and what telemetry costs per frame,
## for the autoload (the core on the game thread) and, side by side in the same run, for the worker
## design (scripts/bench/worker_design/: the same recording, the core on a JSWorker):
##
##   npm run build
##   godot --headless --path . res://scripts/bench/call_cost.tscn [-- --endpoint=http://127.0.0.1:PORT]
##
## Prints two markdown tables and the worker's own figures, and quits (about five minutes). Both
## designs send to `--endpoint` (`npm run engine:check` starts a sink that answers every request),
## or else to a closed port on 127.0.0.1: batches are still encoded and requests set up, but each
## send fails and warns, which a game with a reachable backend does not pay.

const BenchArgs := preload("res://scripts/bench/bench_args.gd")

## Calls per measurement, and measurements per case (the median is reported): a burst the call
## queue holds without handing over partway (its capacity is 32,768 calls).
const CALLS_PER_RUN := 10000
const RUNS_PER_CASE := 5
const RATES := [0, 1000, 2000, 5000, 10000]
## Where the core runs: on the game thread (the autoload), or on a JSWorker (the worker design).
const DESIGNS := ["game thread", "worker"]
const WARM_UP_FRAMES := 120
const MEASURED_FRAMES := 1200
## Each case: its label, the floor it is compared with, and the issue's targets (× that floor) at the
## call and all in. A floor is its own reference.
const CASES := {
	"floor_call": ["floor: empty TS method (String, 1-key Dictionary)", "floor_call", 0.0, 0.0],
	"floor_span": ["floor: new script RefCounted + its empty end()", "floor_span", 0.0, 0.0],
	"log_info": ["log_info(\"Player joined\", {\"player_id\": \"123\"})", "floor_call", 3.0, 6.0],
	"increment": ["increment(\"enemies_killed\", {\"level\": \"forest\"})", "floor_call", 3.0, 6.0],
	"gauge": ["gauge(\"player_health\", 85, {\"player_id\": \"123\"})", "floor_call", 3.0, 6.0],
	"histogram": ["histogram(\"load_time_ms\", 1250, {\"scene\": \"level_3\"})", "floor_call", 3.0, 6.0],
	"span": ["start_span(\"level_load\", {\"level\": \"forest\"}) + end()", "floor_span", 1.5, 2.5],
	"log_info_worker": ["worker design: log_info(\"Player joined\", {\"player_id\": \"123\"})", "floor_call", 3.0, 6.0],
	"increment_worker": ["worker design: increment(\"enemies_killed\", {\"level\": \"forest\"})", "floor_call", 3.0, 6.0],
	"span_worker": ["worker design: start_span(\"level_load\", {\"level\": \"forest\"}) + end()", "floor_span", 1.5, 2.5],
}
const LEVELS := ["forest", "cave", "castle", "swamp"]
const WEAPONS := ["sword", "bow", "staff"]

## Untyped: GodotJS script methods have no signatures GDScript could check.
@onready var empty_calls = $EmptyCalls
@onready var worker_design = $WorkerDesign

var _rate := 0
## What the frame loop calls: the autoload, or the worker design's node (the same methods).
var _target
var _owed := 0.0
var _k := 0
var _recording := false
var _call_us: Array[float] = []
## Each measured frame's work, from this node's _process (the first to run) to the end of the calls
## deferred to the end of that frame, the autoload's hand-over among them.
var _frame_us: Array[float] = []
var _frame_start_us := 0


func _ready() -> void:
	var options := {
		"endpoint": BenchArgs.endpoint(),
		"game": "call_cost",
		"batch_size": 100,
		"queue_limit": 1000,
		"flush_interval_ms": 1000,
	}
	process_priority = -1000
	GameTracker.init(options)
	worker_design.start(options)
	_target = GameTracker
	await _frames(WARM_UP_FRAMES)
	await _calls_table()
	await _frames_table()
	get_tree().quit()


## "At the call" is the loop alone; "all in" adds one `GameTracker.stats()` after it, which hands
## every recorded call to the core: the work the end of the frame pays otherwise. For the worker
## design, all in is what the game thread pays: the loop, converting the calls and posting them.
func _calls_table() -> void:
	var at_call := {}
	var all_in := {}
	for key in CASES:
		var at_call_runs: Array[float] = []
		var all_in_runs: Array[float] = []
		for _r in RUNS_PER_CASE:
			var start := Time.get_ticks_usec()
			_run(key, CALLS_PER_RUN)
			var called := Time.get_ticks_usec()
			if key.ends_with("_worker"):
				worker_design.hand_over_all()
			else:
				GameTracker.stats()
			var taken_in := Time.get_ticks_usec()
			at_call_runs.append(float(called - start) / CALLS_PER_RUN)
			all_in_runs.append(float(taken_in - start) / CALLS_PER_RUN)
			# Let the sends that burst causes pass before the next measurement.
			await _frames(WARM_UP_FRAMES)
		at_call[key] = _percentile(at_call_runs, 0.5)
		all_in[key] = _percentile(all_in_runs, 0.5)
	print("| Call from GDScript (%d calls in one frame, median of %d) | µs at the call | × floor (target) | µs all in | × floor (target) |" % [CALLS_PER_RUN, RUNS_PER_CASE])
	print("|---|---|---|---|---|")
	for key in CASES:
		var spec: Array = CASES[key]
		var floor_us: float = all_in[spec[1]]
		if spec[2] == 0.0:
			print("| %s | %.2f | floor | %.2f | floor |" % [spec[0], at_call[key], all_in[key]])
		else:
			print("| %s | %.2f | %.2f (%.1f) | %.2f | %.2f (%.1f) |" % [spec[0], at_call[key], at_call[key] / floor_us, spec[2], all_in[key], all_in[key] / floor_us, spec[3]])


## Makes `count` calls of one kind; a "_worker" case makes its calls on the worker design's node.
## The target is a variable in both, as the floors' node is.
func _run(key: String, count: int) -> void:
	var target = worker_design if key.ends_with("_worker") else GameTracker
	match key.trim_suffix("_worker"):
		"floor_call":
			for _i in count:
				empty_calls.noop("Player joined", {"player_id": "123"})
		"floor_span":
			for _i in count:
				var floor_span = empty_calls.make_span("level_load", {"level": "forest"})
				floor_span.end()
		"log_info":
			for _i in count:
				target.log_info("Player joined", {"player_id": "123"})
		"increment":
			for _i in count:
				target.increment("enemies_killed", {"level": "forest"})
		"gauge":
			for _i in count:
				target.gauge("player_health", 85, {"player_id": "123"})
		"histogram":
			for _i in count:
				target.histogram("load_time_ms", 1250, {"scene": "level_3"})
		"span":
			for _i in count:
				var span = target.start_span("level_load", {"level": "forest"})
				span.end()


## Each rate for MEASURED_FRAMES frames after a warm-up; rate 0 measures the engine's own frame.
func _frames_table() -> void:
	var idle_median_us := 0.0
	print("")
	print("| Events/s | core runs on | calls µs/frame: median, p99, max | frame work µs: median, p99, max | telemetry µs/frame (frame work − idle median): median, p99, max | frames over 1 ms |")
	print("|---|---|---|---|---|---|")
	for rate in RATES:
		# Idle is one measurement: both designs are set up and idle in every frame of the run.
		for design in ([DESIGNS[0]] if rate == 0 else DESIGNS):
			_target = GameTracker if design == DESIGNS[0] else worker_design
			_rate = rate
			await _frames(WARM_UP_FRAMES)
			_call_us.clear()
			_frame_us.clear()
			_recording = true
			await _frames(MEASURED_FRAMES)
			_recording = false
			if rate == 0:
				idle_median_us = _percentile(_frame_us, 0.5)
			var telemetry_us: Array[float] = []
			var over := 0
			for us in _frame_us:
				telemetry_us.append(us - idle_median_us)
				if us - idle_median_us > 1000.0:
					over += 1
			print("| %d | %s | %s | %s | %s | %d / %d |" % [rate, "both idle" if rate == 0 else design, _summary(_call_us), _summary(_frame_us), _summary(telemetry_us), over, _frame_us.size()])
	_rate = 0
	_target = GameTracker
	worker_design.request_report()
	await _frames(WARM_UP_FRAMES)
	print("")
	print(worker_design.last_report())


## Not `Performance.TIME_PROCESS`: Godot updates that once a second, with the slowest frame of that
## second (main.cpp keeps `process_max`), so reading it every frame counted each slow frame about 60
## times. Each frame is timed here instead: this node processes first (process_priority), and the
## deferred call queued at the end of its _process runs after every node's _process and after the
## hand-overs the calls deferred, which were queued before it.
func _process(delta: float) -> void:
	_frame_start_us = Time.get_ticks_usec()
	if _rate != 0:
		_emit_frame(delta)
	if _recording:
		_end_of_frame.call_deferred()


## The frame's share of the rate, inside a "frame" span.
func _emit_frame(delta: float) -> void:
	_owed += _rate * delta
	var start := Time.get_ticks_usec()
	var frame = _target.start_span("frame")
	while _owed >= 1.0:
		_emit(_k, frame)
		_k += 1
		_owed -= 1.0
	frame.end()
	if _recording:
		_call_us.append(float(Time.get_ticks_usec() - start))


## The event mix of the repository's frame benchmark: per 10 events, 4 log lines with 3 fields, 2
## labelled increments, a gauge, a histogram, and a span with a child.
func _emit(k: int, frame) -> void:
	match k % 10:
		0, 3, 5, 8:
			_target.log_info("enemy spawned", {"kind": "orc", "wave": k, "level": LEVELS[k % 4]})
		1, 6:
			_target.increment("enemies_killed", {"level": LEVELS[k % 4], "weapon": WEAPONS[k % 3]})
		2:
			_target.gauge("enemies_alive", k % 64)
		4:
			_target.histogram("damage", (k * 7) % 120)
		_:
			var span = _target.start_span("ai_think", {"agents": k % 16}, frame)
			_target.start_span("pathfind", {}, span).end()
			span.end()


func _end_of_frame() -> void:
	_frame_us.append(float(Time.get_ticks_usec() - _frame_start_us))


func _frames(count: int) -> void:
	for _i in count:
		await get_tree().process_frame


func _percentile(values: Array[float], fraction: float) -> float:
	if values.is_empty():
		return 0.0
	var sorted := values.duplicate()
	sorted.sort()
	return sorted[mini(sorted.size() - 1, int(sorted.size() * fraction))]


func _summary(values: Array[float]) -> String:
	return "%.0f, %.0f, %.0f" % [_percentile(values, 0.5), _percentile(values, 0.99), _percentile(values, 1.0)]
