try runFrameBench()
