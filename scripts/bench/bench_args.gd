## The command-line arguments the benchmark scenes share (after `--`).


## `--endpoint=URL`, or else a closed port on 127.0.0.1: batches are still encoded and requests set
## up, but each send fails and warns.
static func endpoint() -> String:
	for arg in OS.get_cmdline_user_args():
		if arg.begins_with("--endpoint="):
			return arg.trim_prefix("--endpoint=")
	return "http://127.0.0.1:9"
