#!/bin/bash
echo "1..0 # SKIP sg-suppress not written yet"
