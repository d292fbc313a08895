#!/bin/bash
echo "1..0 # SKIP sg-import not written yet"
