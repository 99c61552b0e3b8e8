extends Node
## The demo's shop (GDScript): a purchase attempt every other turn with a scripted wallet; counts
## attempts by item and result, and revenue by currency.

const PRICES := {"sword": 120, "potion": 25, "shield": 80}
const INCOME_PER_TURN := 40

var gold := 150
var attempts := 0


func play_turn(turn: int) -> void:
	gold += INCOME_PER_TURN
	if turn % 2 == 0:
		var items := PRICES.keys()
		try_purchase(items[attempts % items.size()])
		attempts += 1


func try_purchase(item: String) -> void:
	var price: int = PRICES[item]
	var result := "ok" if gold >= price else "insufficient_funds"
	GameTracker.increment("shop_purchase_attempts", {"item": item, "result": result})
	if result != "ok":
		GameTracker.log_info("purchase refused", {"item": item, "price": price, "gold": gold})
		return
	gold -= price
	GameTracker.increment("shop_revenue", {"currency": "gold"}, price)
	GameTracker.log_info("purchase", {"item": item, "price": price, "gold_left": gold})
