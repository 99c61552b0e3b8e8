extends Node
## What the first call into TypeScript in a frame costs, against the calls after it (`npm run
## engine:check` runs it). The per-call scene times 10,000 calls in one frame, which hides any cost
## paid once a frame; a game makes a few calls a frame. Prints one markdown table.
##
##   npm run build
##   godot --headless --path . res://scripts/bench/first_in_frame.tscn

const CALLS_PER_FRAME := [1, 16]
const WARM_UP_FRAMES := 30
const MEASURED_FRAMES := 120
const KINDS := {
	"noop": "empty TS method (String, 1-key Dictionary)",
	"script_object": "new script RefCounted + its empty end()",
	"plain_object": "new RefCounted() (no script) made in TS",
	"gdscript_object": "GDScript RefCounted.new()",
	"log_info": "GameTracker.log_info(\"enemy spawned\")",
	"span": "GameTracker.start_span(\"ai_think\", {\"agents\": i}).end()",
}

## Untyped: GodotJS script methods have no signatures GDScript could check.
@onready var empty_calls = $EmptyCalls

var _kind := ""
var _calls := 0
var _recording := false
var _frame_us: Array[float] = []
var _first_us: Array[float] = []


func _ready() -> void:
	GameTracker.init({"endpoint": "http://127.0.0.1:9", "game": "first_in_frame", "batch_size": 100, "queue_limit": 1000})
	print("| First call in a frame (median of %d frames) | calls a frame | µs a frame | µs for the first call | µs each after it |" % MEASURED_FRAMES)
	print("|---|---|---|---|---|")
	for kind in KINDS:
		for calls in CALLS_PER_FRAME:
			_kind = kind
			_calls = calls
			for i in WARM_UP_FRAMES:
				await get_tree().process_frame
			_frame_us.clear()
			_first_us.clear()
			_recording = true
			for i in MEASURED_FRAMES:
				await get_tree().process_frame
			_recording = false
			var frame := _median(_frame_us)
			var first := _median(_first_us)
			var rest := "" if calls == 1 else "%.2f" % ((frame - first) / (calls - 1))
			print("| %s | %d | %.0f | %.0f | %s |" % [KINDS[kind], calls, frame, first, rest])
	_calls = 0
	get_tree().quit()


func _process(_delta: float) -> void:
	if _calls == 0:
		return
	var start := Time.get_ticks_usec()
	var first_done := start
	for i in _calls:
		match _kind:
			"noop":
				empty_calls.noop("enemy spawned", {"agents": i})
			"script_object":
				empty_calls.make_span("ai_think", {"agents": i}).end()
			"plain_object":
				empty_calls.make_plain()
			"gdscript_object":
				RefCounted.new()
			"log_info":
				GameTracker.log_info("enemy spawned")
			"span":
				GameTracker.start_span("ai_think", {"agents": i}).end()
		if i == 0:
			first_done = Time.get_ticks_usec()
	if _recording:
		_frame_us.append(float(Time.get_ticks_usec() - start))
		_first_us.append(float(first_done - start))


func _median(values: Array[float]) -> float:
	var sorted := values.duplicate()
	sorted.sort()
	return sorted[sorted.size() / 2]
