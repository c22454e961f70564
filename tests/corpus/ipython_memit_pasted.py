"""What %memit said about the statements of ipython_memit.ipy (pasted from IPython)."""

#
# In [1]: %load_ext memory_profiler
#
# In [2]: %memit x = [0] * 10**6
# peak memory: 66.21 MiB, increment: 7.81 MiB
#
# In [3]: %memit -r 3 y = list(range(2 * 10**5))
# peak memory: 79.34 MiB, increment: 13.13 MiB
#
# In [4]: %memit z = bytearray(30 * 2**20)
# peak memory: 105.03 MiB, increment: 30.00 MiB
#
# In [5]: %memit pass
# peak memory: 105.03 MiB, increment: 0.00 MiB
#
# In [6]: %memit -o w = [1] * 10**5
# peak memory: 105.79 MiB, increment: 0.76 MiB
# Out[6]: <MemitResult : peak memory: 105.79 MiB, increment: 0.76 MiB>
#
# In [7]: %memit x = [0] * 10**6
# peak memory: 106.07 MiB, increment: 0.26 MiB
#
# In [8]: print("done")
# done
#
# In [9]: exit

