extends Node
## The demo's player (GDScript): takes scripted damage, dies, respawns. It talks to the GameTracker
## autoload directly, as any GDScript game would: Dictionaries, Vector2 and ints go in as they are.

const MAX_HEALTH := 100
const SOURCES := ["goblin", "arrow", "lava", "fall"]

var health := MAX_HEALTH


func play_turn(turn: int) -> void:
	var source: String = SOURCES[turn % SOURCES.size()]
	take_damage(10 + (turn * 7) % 25, source)


func take_damage(amount: int, source: String) -> void:
	health = maxi(health - amount, 0)
	GameTracker.increment("player_damage_taken", {"source": source}, amount)
	GameTracker.gauge("player_health", health)
	if health == 0:
		_die(source)


func _die(cause: String) -> void:
	GameTracker.increment("player_deaths", {"cause": cause})
	GameTracker.log_warn("player died", {"cause": cause, "position": Vector2(12.5, -3.0)})
	health = MAX_HEALTH
	GameTracker.gauge("player_health", health)
