#!/bin/bash
echo "1..0 # SKIP sg-check not written yet"
