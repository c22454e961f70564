"""Driver: the profiled function lives in last_line_no_newline_mod.py, where
it is the last thing in the file and the file has NO final newline (regen.sh
writes that module with printf).  The block's last row then lacks its own
newline, and the block ends with a single blank line."""
from last_line_no_newline_mod import tail

print("before")
tail(3)
print("after")
