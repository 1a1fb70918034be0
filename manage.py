#!/usr/bin/env python
from skanse.__main__ import main

if __name__ == "__main__":
    main()
