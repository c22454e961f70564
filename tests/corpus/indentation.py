"""Tab-indented and non-ASCII source lines, contents that start with deeper
indentation (methods, nested blocks), a source line with trailing blanks and
a comment containing a raw form feed (not a line break for Python)."""
from memory_profiler import profile


@profile
def tabbed(n):
	s = "naïve – ü"
	out = []  
	# a raw form feed -><- and trailing blanks on the line above
	for i in range(n):
		if i % 2:
			out.append(s * i)
	return out


class Greeter:
    @profile
    def greet(self, name):
        # Grüße, 你好, привет
        text = "Grüße, " + name + " → ✓"
        return text


class Outer:
	class Inner:
		@profile
		def deep(self):
			x = "tabs inside a nested class"
			return x


tabbed(5)
Greeter().greet("Zoë")
Outer.Inner().deep()
