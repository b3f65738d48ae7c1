"""Runs a command (its output discarded) and prints the CPU seconds it took, user + system, to
the microsecond (GNU time prints hundredths): `python3 bench/cpu_time.py CMD ARGS...`.

Only the command's own time is counted: what this process's children used before it started
is subtracted. (Where `python3` is a pyenv shim, the shim's shell and `pyenv` run as children
before the interpreter is exec'd, and their ~40 ms would otherwise be counted in
RUSAGE_CHILDREN.)"""
import resource, subprocess, sys


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


before = cpu()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(f"{cpu() - before:.4f}")
