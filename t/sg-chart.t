#!/bin/bash
echo "1..0 # SKIP sg-chart not written yet"
