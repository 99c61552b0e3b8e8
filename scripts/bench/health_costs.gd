extends Node
## Issue #19 in a real engine (`npm run engine:check` runs it): what frame health costs a frame, and the
## engine-error path, errors pushed on the main thread and on a Thread. Prints one markdown table.
## The pushed errors also print as engine errors: that is expected here.
##
##   npm run build
##   godot --headless --path . res://scripts/bench/health_costs.tscn

const SAME_ERRORS := 1000
const DISTINCT_ERRORS := 50
const THREAD_ERRORS := 10

## Untyped: GodotJS script methods have no signatures GDScript could check.
@onready var costs = $HealthCosts


func _ready() -> void:
	GameTracker.init({"endpoint": "http://127.0.0.1:9", "engine_errors": true, "queue_limit": 2000})
	await get_tree().process_frame
	print("| Auto capture in this engine | |")
	print("|---|---|")
	print(costs.frame_costs())
	var before: int = GameTracker.stats()["logs"]["produced"]
	var start := Time.get_ticks_usec()
	for i in SAME_ERRORS:
		push_error("the same bug on every frame")
	var same_us := float(Time.get_ticks_usec() - start) / SAME_ERRORS
	for i in DISTINCT_ERRORS:
		push_error("distinct bug %d" % i)
	await get_tree().process_frame
	await get_tree().process_frame
	var logs: Dictionary = GameTracker.stats()["logs"]
	print("| push_error on the main thread (%d identical, then %d distinct) | %.2f µs a push_error, all in; log lines produced %d: throttled %d, limit %d |" % [SAME_ERRORS, DISTINCT_ERRORS, same_us, logs["produced"] - before, logs["dropped"]["throttled"], logs["dropped"]["limit"]])
	var before_thread: int = logs["produced"]
	var thread := Thread.new()
	thread.start(_push_errors_off_main_thread)
	thread.wait_to_finish()
	await get_tree().process_frame
	await get_tree().process_frame
	print("| push_error on a Thread (%d) | reached the addon: %d; the game goes on |" % [THREAD_ERRORS, GameTracker.stats()["logs"]["produced"] - before_thread])
	get_tree().quit()


func _push_errors_off_main_thread() -> void:
	for i in THREAD_ERRORS:
		push_error("from a thread %d" % i)
