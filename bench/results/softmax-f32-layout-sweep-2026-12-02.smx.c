#include "minidl.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <math.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+1e-9*t.tv_nsec;}
int main(int argc,char**argv){
  int rows=argc>1?atoi(argv[1]):64, cols=argc>2?atoi(argv[2]):1000, dt=argc>3?atoi(argv[3]):1;
  int th=argc>4?atoi(argv[4]):1;
  mdl_set_threads(th);
  size_t n=(size_t)rows*cols, es=dt?8:4;
  void *x,*y; int pad=getenv("PAD")?atoi(getenv("PAD")):-1; if(pad<0){mdl_alloc(n*es,&x); mdl_alloc(n*es,&y);} else {void* big; mdl_alloc(2*n*es+pad+8192,&big); x=big; y=(char*)big+n*es+pad;}
  srand(1);
  for(size_t i=0;i<n;i++){double v=(rand()/(double)RAND_MAX)*20-10; if(dt) ((double*)x)[i]=v; else ((float*)x)[i]=(float)v;}
  const char* names[]={"softmax","logsoftmax","map exp","map tanh"};
  int k0=argc>5?atoi(argv[5]):0,k1=argc>6?atoi(argv[6]):4; for(int k=k0;k<k1;k++){
    double best=1e9;
    int R=argc>7?atoi(argv[7]):30; for(int r=0;r<R;r++){
      double t0=now();
      for(int it=0;it<20;it++){
        if(k==0) mdl_softmax(dt,rows,cols,x,y);
        else if(k==1) mdl_log_softmax(dt,rows,cols,x,y);
        else if(k==2) mdl_map(dt,MDL_EXP,n,x,y,0);
        else mdl_map(dt,MDL_TANH,n,x,y,0);
      }
      double t=(now()-t0)/20; if(t<best)best=t;
    }
    printf("%-10s %.3f ns/elem\n",names[k],best/n*1e9);
  }
  return 0;
}
