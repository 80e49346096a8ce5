import sys

print(f"tables in {sys.argv[1]}")
