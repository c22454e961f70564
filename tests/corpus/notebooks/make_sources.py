"""Write the unexecuted notebooks (NAME.in.ipynb) (run by regen.sh)."""
import nbformat as nbf

code, md = nbf.v4.new_code_cell, nbf.v4.new_markdown_cell


def write(name, cells):
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.cells = cells
    nbf.write(nb, "%s.in.ipynb" % name)


# as copied from a terminal: the report and one of the blank lines after it
PASTED = open("pasted_report.txt").read().rstrip("\n") + "\n\n"

write("mprun", [
    md("# %mprun in a notebook\n\nThe report of a plain `%mprun` goes to the pager."),
    code("%load_ext memory_profiler"),
    code("from mymod import f"),
    code("%mprun -f f f(10)"),
    code("%mprun -T mprun_f.txt -f f f(10)"),
    code("print(open('mprun_f.txt').read())"),
    code("%memit [0]*10**6"),
    md("A run from the terminal, pasted:\n\n```\n" + PASTED + "```\n"),
    code("from IPython.display import Pretty, display\n"
         "%mprun -T mprun_f2.txt -f f f(4)\n"
         "display(Pretty(open('mprun_f2.txt').read()))"),
    code("Pretty(open('mprun_f.txt').read())"),
])

write("profile_calls", [
    code("%load_ext memory_profiler\nfrom mymod import g"),
    code("g(3)\nprint('between the calls')\ng(6)"),
    code("%memit -r 3 list(range(10**6))"),
    md("No report here, only prose."),
    code("x = g(1)"),
])

write("no_report", [
    md("# Nothing profiled\n\nA notebook without any report."),
    code("total = sum(range(10))\nprint('total', total)"),
    code("total * 2"),
])
