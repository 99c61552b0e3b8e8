extends Node
## Issue #12's measurements in a real engine; `npm run bench` runs the same paths through the Godot
## double. What one call from GDScript costs, and what telemetry costs per frame:
##
##   npm run build
##   godot --headless --path . res://scripts/bench/call_cost.tscn
##
## Prints two markdown tables and quits (about two minutes). The autoload sends to a closed port on
## 127.0.0.1, so nothing needs to listen: batches are still encoded and requests set up.

const CALLS_IN_ONE_FRAME := 20000
const CALLS_PER_FRAME := 200
const FRAMES_PER_CASE := 100
const RATES := [0, 1000, 2000, 5000, 10000]
const WARM_UP_FRAMES := 120
const MEASURED_FRAMES := 1200
const CASES := {
	"floor_call": "floor: empty TS method (String, 1-key Dictionary)",
	"floor_span": "floor: new script RefCounted + its empty end()",
	"log_info": "log_info(\"Player joined\", {\"player_id\": \"123\"})",
	"increment": "increment(\"enemies_killed\", {\"level\": \"forest\"})",
	"gauge": "gauge(\"player_health\", 85, {\"player_id\": \"123\"})",
	"histogram": "histogram(\"load_time_ms\", 1250, {\"scene\": \"level_3\"})",
	"span": "start_span(\"level_load\", {\"level\": \"forest\"}) + end()",
}
const LEVELS := ["forest", "cave", "castle", "swamp"]
const WEAPONS := ["sword", "bow", "staff"]

## Untyped: GodotJS script methods have no signatures GDScript could check.
@onready var empty_calls = $EmptyCalls

var _rate := 0
var _owed := 0.0
var _k := 0
var _recording := false
var _call_us: Array[float] = []
var _process_us: Array[float] = []


func _ready() -> void:
	GameTracker.init({
		"endpoint": "http://127.0.0.1:9",
		"game": "call_cost",
		"batch_size": 100,
		"queue_limit": 1000,
		"flush_interval_ms": 1000,
	})
	await _frames(WARM_UP_FRAMES)
	await _calls_table()
	await _frames_table()
	get_tree().quit()


func _calls_table() -> void:
	print("| Call from GDScript | µs per call, %d in one frame | µs per call, %d a frame |" % [CALLS_IN_ONE_FRAME, CALLS_PER_FRAME])
	print("|---|---|---|")
	for key in CASES:
		var in_one_frame_us := float(_run(key, CALLS_IN_ONE_FRAME)) / CALLS_IN_ONE_FRAME
		# Let the hand-over of that burst and the sends it causes pass before the next measurement.
		await _frames(WARM_UP_FRAMES)
		var spread_us := 0
		for _f in FRAMES_PER_CASE:
			spread_us += _run(key, CALLS_PER_FRAME)
			await get_tree().process_frame
		var per_frame_us := float(spread_us) / (FRAMES_PER_CASE * CALLS_PER_FRAME)
		print("| %s | %.2f | %.2f |" % [CASES[key], in_one_frame_us, per_frame_us])
		await _frames(WARM_UP_FRAMES)


## Makes `count` calls of one kind and returns how long they took, in microseconds.
func _run(key: String, count: int) -> int:
	var start := Time.get_ticks_usec()
	match key:
		"floor_call":
			for _i in count:
				empty_calls.noop("Player joined", {"player_id": "123"})
		"floor_span":
			for _i in count:
				var floor_span = empty_calls.make_span("level_load", {"level": "forest"})
				floor_span.end()
		"log_info":
			for _i in count:
				GameTracker.log_info("Player joined", {"player_id": "123"})
		"increment":
			for _i in count:
				GameTracker.increment("enemies_killed", {"level": "forest"})
		"gauge":
			for _i in count:
				GameTracker.gauge("player_health", 85, {"player_id": "123"})
		"histogram":
			for _i in count:
				GameTracker.histogram("load_time_ms", 1250, {"scene": "level_3"})
		"span":
			for _i in count:
				var span = GameTracker.start_span("level_load", {"level": "forest"})
				span.end()
	return Time.get_ticks_usec() - start


## Each rate for MEASURED_FRAMES frames after a warm-up; rate 0 measures the engine's own frame.
func _frames_table() -> void:
	var idle_median_us := 0.0
	print("")
	print("| Events/s | calls µs/frame: median, p99, max | process µs/frame: median, p99, max | telemetry µs/frame (process − idle median): median, p99, max | frames over 1 ms |")
	print("|---|---|---|---|---|")
	for rate in RATES:
		_rate = rate
		await _frames(WARM_UP_FRAMES)
		_call_us.clear()
		_process_us.clear()
		_recording = true
		await _frames(MEASURED_FRAMES)
		_recording = false
		if rate == 0:
			idle_median_us = _percentile(_process_us, 0.5)
		var telemetry_us: Array[float] = []
		var over := 0
		for us in _process_us:
			telemetry_us.append(us - idle_median_us)
			if us - idle_median_us > 1000.0:
				over += 1
		print("| %d | %s | %s | %s | %d / %d |" % [rate, _summary(_call_us), _summary(_process_us), _summary(telemetry_us), over, _process_us.size()])
	_rate = 0


func _process(delta: float) -> void:
	if _recording:
		# The previous frame's process time: the calls, the autoload's _process, the hand-over at its end.
		_process_us.append(Performance.get_monitor(Performance.TIME_PROCESS) * 1000000.0)
	if _rate == 0:
		return
	_owed += _rate * delta
	var start := Time.get_ticks_usec()
	var frame = GameTracker.start_span("frame")
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
			GameTracker.log_info("enemy spawned", {"kind": "orc", "wave": k, "level": LEVELS[k % 4]})
		1, 6:
			GameTracker.increment("enemies_killed", {"level": LEVELS[k % 4], "weapon": WEAPONS[k % 3]})
		2:
			GameTracker.gauge("enemies_alive", k % 64)
		4:
			GameTracker.histogram("damage", (k * 7) % 120)
		_:
			var span = GameTracker.start_span("ai_think", {"agents": k % 16}, frame)
			GameTracker.start_span("pathfind", {}, span).end()
			span.end()


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
