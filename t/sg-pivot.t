#!/bin/bash
echo "1..0 # SKIP sg-pivot not written yet"
