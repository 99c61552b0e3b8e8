extends Node
## Issue #20 in a real engine (`npm run engine:check` runs it): consent held, granted, withdrawn, and a
## GDScript before_send filter, read back from stats(). The endpoint is a closed port on 127.0.0.1, so
## a send that starts fails at once (send_failed): with consent pending none may start.
##
##   npm run build
##   godot --headless --path . res://scripts/bench/privacy_check.tscn

var _filtered := 0


func _ready() -> void:
	GameTracker.log_info("before init")
	GameTracker.init({"endpoint": "http://127.0.0.1:9", "flush_interval_ms": 100, "require_consent": true,
		"device_context": false, "user_id_only": true, "before_send": _scrub})
	GameTracker.set_user({"id": "p1", "name": "Ada"})
	GameTracker.log_info("held", {"email": "ada@example.com"})
	GameTracker.log_info("secret")
	GameTracker.flush()
	await _frames(30)
	print("| Privacy in this engine | |")
	print("|---|---|")
	print("| consent pending: state, logs produced / pending / sent or failed | %s |" % _logs())
	var first_session: String = GameTracker.stats()["session_id"]
	GameTracker.set_consent(true)
	GameTracker.flush()
	await _frames(30)
	print("| granted: state, logs produced / pending / sent or failed | %s |" % _logs())
	GameTracker.log_info("queued when withdrawn")
	GameTracker.set_consent(false)
	await _frames(30)
	print("| withdrawn: state, logs produced / pending / sent or failed; no_consent | %s; %d |" % [_logs(), GameTracker.stats()["logs"]["dropped"]["no_consent"]])
	GameTracker.set_consent(true)
	print("| a later grant: a new session id | %s |" % str(GameTracker.stats()["session_id"] != first_session))
	print("| before_send (GDScript Callable): events seen, dropped as filtered | %d, %d |" % [_filtered, GameTracker.stats()["logs"]["dropped"]["filtered"]])
	get_tree().quit()


func _scrub(event: Dictionary):
	_filtered += 1
	if event.get("message") == "secret":
		return null
	event["data"] = {}
	return event


func _logs() -> String:
	var stats: Dictionary = GameTracker.stats()
	var logs: Dictionary = stats["logs"]
	return "%s, %d / %d / %d" % [stats["consent"], logs["produced"], logs["pending"], logs["sent"] + logs["dropped"]["send_failed"]]


func _frames(count: int) -> void:
	for _i in count:
		await get_tree().process_frame
