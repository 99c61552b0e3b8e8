extends Node
## The worker design's quit, in a real engine (`npm run engine:check` runs it against the demo's
## receiver and compares what arrived with what was made): calls made in the frame the game quits
## reach the receiver through the worker's last send. The game runs a few frames first: quitting in
## the very first frame works too, but the worker's "ready" then never reaches the main thread, and
## GodotJS warns that it discards it. By hand:
##
##   godot --headless --path . res://scripts/bench/worker_quit.tscn -- --endpoint=http://127.0.0.1:PORT

const BenchArgs := preload("res://scripts/bench/bench_args.gd")

const LOG_LINES := 30
const INCREMENTS := 5
const FRAMES_BEFORE_QUIT := 10

@onready var worker_design = $WorkerDesign


func _ready() -> void:
	worker_design.start({"endpoint": BenchArgs.endpoint(), "game": "worker_quit"})
	for _i in FRAMES_BEFORE_QUIT:
		await get_tree().process_frame
	var level = worker_design.start_span("level_load", {"level": "forest"})
	for i in LOG_LINES:
		worker_design.log_info("enemy spawned", {"wave": i})
	for i in INCREMENTS:
		worker_design.increment("enemies_killed", {"level": "forest"})
	worker_design.start_span("pathfind", {}, level).end()
	level.end()
	print("made: %d log lines, %d increments, 2 spans" % [LOG_LINES, INCREMENTS])
	get_tree().quit()
