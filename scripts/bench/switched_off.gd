extends Node
## Issue #20: with `init({"enabled": false})` every call must cost what an empty method costs.
## `npm run engine:check` runs this scene; by hand:
##
##   npm run build
##   godot --headless --path . res://scripts/bench/switched_off.tscn
##
## Prints one markdown table and quits (a few seconds).

const CALLS_PER_RUN := 10000
const RUNS := 5

## Untyped: GodotJS script methods have no signatures GDScript could check.
@onready var empty_calls = $EmptyCalls


func _ready() -> void:
	GameTracker.init({"enabled": false})
	await get_tree().process_frame
	var floor_us := _median_us("floor")
	print("| Switched off (%d calls, median of %d) | µs per call | × empty TS method |" % [CALLS_PER_RUN, RUNS])
	print("|---|---|---|")
	print("| floor: empty TS method (String, 1-key Dictionary) | %.2f | 1.00 |" % floor_us)
	for key in ["log_info", "increment", "span"]:
		var us := _median_us(key)
		print("| %s | %.2f | %.2f |" % [key, us, us / floor_us])
	print("| stats() says | %s | |" % str(GameTracker.stats()))
	get_tree().quit()


func _median_us(key: String) -> float:
	var runs: Array[float] = []
	for _r in RUNS:
		var start := Time.get_ticks_usec()
		match key:
			"floor":
				for _i in CALLS_PER_RUN:
					empty_calls.noop("Player joined", {"player_id": "123"})
			"log_info":
				for _i in CALLS_PER_RUN:
					GameTracker.log_info("Player joined", {"player_id": "123"})
			"increment":
				for _i in CALLS_PER_RUN:
					GameTracker.increment("enemies_killed", {"level": "forest"})
			"span":
				for _i in CALLS_PER_RUN:
					GameTracker.start_span("level_load", {"level": "forest"}).end()
		runs.append(float(Time.get_ticks_usec() - start) / CALLS_PER_RUN)
	runs.sort()
	return runs[RUNS / 2]
